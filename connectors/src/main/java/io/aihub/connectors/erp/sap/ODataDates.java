package io.aihub.connectors.erp.sap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OData v2 dates. JSON carries {@code Edm.DateTimeOffset} as {@code /Date(1700000000000+0000)/} and
 * {@code Edm.DateTime} as {@code /Date(1700000000000)/}: milliseconds since the epoch in UTC, the optional
 * suffix being the offset in minutes the value was entered with, which does not move the instant. URI
 * literals are {@code datetimeoffset'2026-01-05T08:00:00.001Z'}.
 */
final class ODataDates {

    private static final Pattern JSON_DATE = Pattern.compile("/Date\\((-?\\d{1,15})([+-]\\d{4})?\\)/");
    private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ODataDates() {
    }

    /** The instant of a JSON date, or empty when {@code text} is not one. */
    static Optional<Instant> parseJson(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = JSON_DATE.matcher(text);
        return m.matches() ? Optional.of(Instant.ofEpochMilli(Long.parseLong(m.group(1)))) : Optional.empty();
    }

    /** ISO-8601 UTC text with milliseconds, e.g. {@code 2026-01-05T08:00:00.001Z}. */
    static String iso(Instant instant) {
        return LITERAL.format(instant);
    }

    /** The {@code $filter} literal of an instant, e.g. {@code datetimeoffset'2026-01-05T08:00:00.001Z'}. */
    static String dateTimeOffsetLiteral(Instant instant) {
        return "datetimeoffset'" + iso(instant) + "'";
    }
}
