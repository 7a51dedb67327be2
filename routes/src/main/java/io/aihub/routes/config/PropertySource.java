package io.aihub.routes.config;

import java.util.Map;
import java.util.Optional;

/** Resolved configuration properties (placeholders and environment overrides already applied). */
public interface PropertySource {

    /** The value of a key, if set and not blank. */
    Optional<String> get(String key);

    /** Every key that starts with {@code prefix}, with the prefix removed, and its resolved value. */
    Map<String, String> withPrefix(String prefix);

    default String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    default int getInt(String key, int defaultValue) {
        String text = get(key).orElse(null);
        if (text == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property " + key + " must be a whole number, got '" + text + "'");
        }
    }

    default boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(v -> Boolean.parseBoolean(v.trim())).orElse(defaultValue);
    }
}
