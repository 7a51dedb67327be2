package io.aihub.connectors.crm.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Renders values as SOQL literals and reads Salesforce's date-time text. */
final class SoqlLiterals {

    private static final DateTimeFormatter SOQL_DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private SoqlLiterals() {
    }

    /** A single-quoted string literal with quotes, backslashes and control characters escaped. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
    }

    /** An unquoted UTC date-time literal with milliseconds, e.g. {@code 2026-01-05T08:00:13.000Z}. */
    static String dateTime(Instant instant) {
        return SOQL_DATETIME.format(instant);
    }

    /**
     * Parses Salesforce's date-time text ({@code 2026-01-05T08:00:13.000+0000}, also with {@code Z} or
     * {@code +00:00}).
     *
     * @throws DateTimeParseException when the text is not a date-time
     */
    static Instant parseDateTime(String text) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"),
                Instant::from);
    }
}
