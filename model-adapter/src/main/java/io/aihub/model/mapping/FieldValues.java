package io.aihub.model.mapping;

import io.aihub.api.error.PermanentException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads record field values the way connectors deliver them: JSON numbers, numbers sent as text (as SAP
 * OData v2 does for decimals), booleans, text. Error messages name the field and the expected type, never the
 * value.
 */
public final class FieldValues {

    /** Error code: a field holds a value of the wrong type. */
    public static final String BAD_TYPE = "MAPPING_BAD_TYPE";

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    /** Epoch milliseconds sent as text, or SAP OData v2's {@code /Date(1700000000000+0060)/}. */
    private static final Pattern EPOCH_MILLIS = Pattern.compile("/Date\\((-?\\d{1,15})(?:[+-]\\d{4})?\\)/|(-?\\d{1,15})");
    /** ISO-8601 date-time with an offset, also written without the colon ({@code +0000}, as Salesforce does). */
    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private FieldValues() {
    }

    /**
     * Returns the value as a number: numbers as they are, booleans as 1 or 0, text when it is a plain decimal
     * number (surrounding blanks allowed).
     *
     * @param value   the field value, not null
     * @param field   the record field, for the error message
     * @param feature the feature being mapped, for the error message
     * @throws PermanentException {@value #BAD_TYPE} when the value is not a number, {@value
     *                            FeatureDefinition#BAD_VALUE} when it is a number but not a finite one (NaN,
     *                            infinity), so a non-finite value never reaches a model
     */
    public static double toNumber(Object value, String field, String feature) {
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof Boolean b) {
            number = b ? 1.0 : 0.0;
        } else if (value instanceof String text && DECIMAL.matcher(text.strip()).matches()) {
            number = Double.parseDouble(text.strip());
        } else {
            throw badType(field, feature, "a number", value);
        }
        if (!Double.isFinite(number)) {
            throw nonFinite(field, feature);
        }
        return number;
    }

    /**
     * Returns the value as text: text as it is, numbers in plain notation ({@code 3} for 3.0), booleans as
     * {@code true}/{@code false}.
     *
     * @throws PermanentException {@value #BAD_TYPE} for lists, maps and other structured values, {@value
     *                            FeatureDefinition#BAD_VALUE} for a non-finite number
     */
    public static String toText(Object value, String field, String feature) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isFinite(d)) {
                return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
            }
            throw nonFinite(field, feature);
        }
        throw badType(field, feature, "text, a number or a boolean", value);
    }

    /**
     * Returns the value as an instant: an ISO-8601 date-time with an offset ({@code 2026-01-05T10:00:00Z},
     * {@code 2026-01-05T10:00:00.000+01:00} or {@code +0100}), a date-time without one (read as UTC), a date
     * ({@code 2026-01-05}, midnight UTC), or epoch milliseconds as a whole number, as digits or as OData v2's
     * {@code /Date(ms)/}.
     *
     * @throws PermanentException {@value FeatureDefinition#BAD_VALUE} for text or numbers that are none of these,
     *                            {@value #BAD_TYPE} for booleans, lists and maps; naming the field, never the value
     */
    public static Instant toInstant(Object value, String field, String feature) {
        if (value instanceof Number n) {
            double millis = n.doubleValue();
            if (!Double.isFinite(millis) || millis != Math.rint(millis) || Math.abs(millis) > 1e15) {
                throw badDate(field, feature, "a number that is not whole epoch milliseconds");
            }
            return Instant.ofEpochMilli(n.longValue());
        }
        if (!(value instanceof String text)) {
            throw badType(field, feature, "an ISO-8601 date or date-time, or epoch milliseconds", value);
        }
        String trimmed = text.strip();
        Matcher millis = EPOCH_MILLIS.matcher(trimmed);
        if (millis.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(millis.group(1) != null ? millis.group(1) : millis.group(2)));
        }
        try {
            if (trimmed.length() == 10) {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            var parsed = DATE_TIME.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from);
            return parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw badDate(field, feature, "text that is not one");
        }
    }

    private static PermanentException badDate(String field, String feature, String got) {
        return new PermanentException(FeatureDefinition.BAD_VALUE, "field '" + field + "' (feature '" + feature
                + "') must be an ISO-8601 date or date-time, or epoch milliseconds, got " + got);
    }

    /**
     * True when the value equals {@code expected}: numerically when both are numbers, else as text.
     *
     * @throws PermanentException {@value #BAD_TYPE} for lists, maps and other structured values
     */
    public static boolean matches(Object value, String expected, String field, String feature) {
        String text = toText(value, field, feature);
        if (DECIMAL.matcher(text).matches() && DECIMAL.matcher(expected.strip()).matches()) {
            return new BigDecimal(text).compareTo(new BigDecimal(expected.strip())) == 0;
        }
        return text.equals(expected);
    }

    private static PermanentException badType(String field, String feature, String expected, Object value) {
        return new PermanentException(BAD_TYPE, "field '" + field + "' (feature '" + feature + "') must be "
                + expected + ", got " + describe(value));
    }

    private static PermanentException nonFinite(String field, String feature) {
        return new PermanentException(FeatureDefinition.BAD_VALUE, "field '" + field + "' (feature '" + feature
                + "') must be a finite number, got a non-finite number");
    }

    /** Names the kind of a value without showing it. */
    static String describe(Object value) {
        if (value instanceof String) {
            return "text";
        }
        if (value instanceof Number) {
            return "a non-finite number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Collection<?> || value != null && value.getClass().isArray()) {
            return "a list";
        }
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a value of type " + (value == null ? "null" : value.getClass().getSimpleName());
    }
}
