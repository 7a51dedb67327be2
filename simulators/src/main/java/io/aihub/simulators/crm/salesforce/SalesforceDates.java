package io.aihub.simulators.crm.salesforce;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/** The date-time text Salesforce's REST API returns, e.g. {@code 2026-01-05T08:00:00.000+0000}. */
public final class SalesforceDates {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);
    /** An offset without a colon at the end ({@code +0000}), which ISO-8601 parsing wants as {@code +00:00}. */
    private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d\\d)(\\d\\d)$");

    private SalesforceDates() {
    }

    /**
     * The wire form in UTC, e.g. {@code 2026-01-05T08:00:00.000+0000}: written field by field for years 1 to 9999
     * (seeding the demo org writes 15,000 at startup), by the pattern otherwise.
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return WIRE.format(instant);
        }
        StringBuilder text = new StringBuilder(28);
        pad(text, t.getYear(), 4).append('-');
        pad(text, t.getMonthValue(), 2).append('-');
        pad(text, t.getDayOfMonth(), 2).append('T');
        pad(text, t.getHour(), 2).append(':');
        pad(text, t.getMinute(), 2).append(':');
        pad(text, t.getSecond(), 2).append('.');
        return pad(text, t.getNano() / 1_000_000, 3).append("+0000").toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }

    /** Parses the wire form or a SOQL literal ({@code 2026-01-05T08:00:00.000Z} or with an offset). */
    public static Instant parse(String text) {
        Instant wire = parseWire(text);
        if (wire != null) {
            return wire;
        }
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(COMPACT_OFFSET.matcher(text).replaceFirst("$1:$2"),
                Instant::from);
    }
    /**
     * The wire form {@code yyyy-MM-ddTHH:mm:ss.SSS+hhmm} read field by field (seeding a simulated org parses
     * thousands of these at startup), or null for any other text or an invalid value, which {@link #parse}
     * then reads with ISO-8601 parsing and its errors.
     */
    private static Instant parseWire(String t) {
        if (t.length() != 28 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != '.'
                || (t.charAt(23) != '+' && t.charAt(23) != '-')) {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int millis = digits(t, 20, 23);
        int offsetHours = digits(t, 24, 26);
        int offsetMinutes = digits(t, 26, 28);
        if ((year | month | day | hour | minute | second | millis | offsetHours | offsetMinutes) < 0) {
            return null;
        }
        int sign = t.charAt(23) == '-' ? -1 : 1;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The number written by the digits {@code t[from, to)}, or -1 when one is no digit. */
    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
