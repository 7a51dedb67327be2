package io.aihub.api.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One declared configuration key.
 *
 * @param name         the key, e.g. {@code instanceUrl}
 * @param type         its value type
 * @param defaultValue the default as text, or null when the key is required
 * @param doc          one sentence for {@code ./aihub connectors} and the docs
 * @param validator    checks the parsed value; returns an error sentence or null
 */
public record ConfigKey(String name, ConfigType type, String defaultValue, String doc, Validator validator) {

    /** Checks a parsed value. */
    @FunctionalInterface
    public interface Validator {
        /** Returns null when the value is acceptable, else a sentence saying why not. */
        String check(Object value);
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        if (name.isBlank()) {
            throw new IllegalArgumentException("config key name must not be blank");
        }
        validator = validator == null ? value -> null : validator;
    }

    public boolean required() {
        return defaultValue == null;
    }

    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultValue);
    }

    /** Validator: an integer or long at least {@code min}. */
    public static Validator atLeast(long min) {
        return value -> ((Number) value).longValue() >= min ? null : "must be at least " + min;
    }

    /** Validator: an integer or long within {@code [min, max]}. */
    public static Validator between(long min, long max) {
        return value -> {
            long v = ((Number) value).longValue();
            return v >= min && v <= max ? null : "must be between " + min + " and " + max;
        };
    }

    /** Validator: an http(s) URL. */
    public static Validator httpUrl() {
        return value -> {
            String s = value.toString();
            return s.startsWith("http://") || s.startsWith("https://") ? null : "must be an http:// or https:// URL";
        };
    }
}
