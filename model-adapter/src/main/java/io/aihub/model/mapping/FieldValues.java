package io.aihub.model.mapping;

import io.aihub.api.error.PermanentException;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
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
