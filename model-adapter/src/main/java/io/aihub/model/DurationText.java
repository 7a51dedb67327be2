package io.aihub.model;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written in {@code model.yaml}: a whole number with a unit ({@code 250ms}, {@code 2s},
 * {@code 5m}, {@code 1h}) or ISO-8601 ({@code PT2S}).
 */
public final class DurationText {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException naming the expected forms
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        Matcher m = SIMPLE.matcher(trimmed);
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not a duration like 500ms, 2s, 1m or PT2S");
        }
    }

    /** The shortest simple form that is exact: {@code 1500ms}, {@code 2s}, {@code 5m}. */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
