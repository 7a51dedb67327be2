package io.aihub.api.envelope;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeParseException;

/**
 * Reads the RFC 3339 instants of envelopes ({@code time}, {@code data.source.modifiedAt}) as {@link Instant}.
 *
 * <p>The hub writes them with {@link Instant#toString()}: {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}. That form is read
 * directly, digit by digit; every other text (an offset, a leap second, a year past 9999, lower case, an invalid
 * date) goes to {@link Instant#parse}, so the result, or the {@link DateTimeParseException}, is always exactly
 * {@link Instant#parse}'s. {@link Instant#parse} runs the general {@code java.time} formatter, which costs several
 * microseconds and a dozen objects per call, and the hub reads an envelope's times several times on its way to BI.
 */
public final class InstantText {

    private static final int SHORTEST = "2000-01-01T00:00:00Z".length();
    private static final int LONGEST = "2000-01-01T00:00:00.123456789Z".length();

    private InstantText() {
    }

    /**
     * Same as {@link Instant#parse(CharSequence)}.
     *
     * @throws DateTimeParseException when the text is not an ISO-8601 instant
     */
    public static Instant parse(String text) {
        Instant fast = parseCanonical(text);
        return fast != null ? fast : Instant.parse(text);
    }

    /** The instant of text in {@link Instant#toString()}'s form with a valid date and time, else null. */
    private static Instant parseCanonical(String s) {
        int n = s.length();
        if (n < SHORTEST || n > LONGEST || n == SHORTEST + 1 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-'
                || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return null;
        }
        int nanos = 0;
        if (n > SHORTEST) {
            if (s.charAt(19) != '.') {
                return null;
            }
            int fraction = n - SHORTEST - 1;
            nanos = digits(s, 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The value of {@code count} ASCII digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int d = s.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }
}
