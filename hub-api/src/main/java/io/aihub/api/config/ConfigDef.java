package io.aihub.api.config;

import io.aihub.api.error.ConfigException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration keys of one connector or backend, declared once. {@link #parse} checks every key and
 * reports every problem in one {@link ConfigException}.
 */
public final class ConfigDef {

    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();

    public ConfigDef define(String name, ConfigType type, String defaultValue, String doc) {
        return define(new ConfigKey(name, type, defaultValue, doc, null));
    }

    public ConfigDef define(String name, ConfigType type, String defaultValue, String doc,
            ConfigKey.Validator validator) {
        return define(new ConfigKey(name, type, defaultValue, doc, validator));
    }

    public ConfigDef define(ConfigKey key) {
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalArgumentException("config key defined twice: " + key.name());
        }
        return this;
    }

    public List<ConfigKey> keys() {
        return List.copyOf(keys.values());
    }

    /**
     * Parses and validates raw text values.
     *
     * @param subject names what is configured (e.g. {@code connector 'crm'}) in error messages
     * @param raw     key to text value; unknown keys are reported as problems
     * @throws ConfigException listing every missing, malformed, invalid or unknown key
     */
    public Config parse(String subject, Map<String, String> raw) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String given : raw.keySet()) {
            if (!keys.containsKey(given)) {
                problems.add("unknown key '" + given + "' (known: " + String.join(", ", keys.keySet()) + ")");
            }
        }
        for (ConfigKey key : keys.values()) {
            String text = raw.get(key.name());
            if (text == null || text.isBlank()) {
                text = key.defaultValue();
            }
            if (text == null) {
                problems.add("missing required key '" + key.name() + "': " + key.doc());
                continue;
            }
            Object value;
            try {
                value = convert(key.type(), text.trim());
            } catch (IllegalArgumentException | DateTimeParseException e) {
                problems.add("key '" + key.name() + "' must be of type " + key.type()
                        + (key.type() == ConfigType.PASSWORD ? "" : ", got '" + text + "'"));
                continue;
            }
            String problem = key.validator().check(value);
            if (problem != null) {
                problems.add("key '" + key.name() + "' " + problem);
                continue;
            }
            values.put(key.name(), value);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(subject, problems);
        }
        return new Config(Collections.unmodifiableMap(values));
    }

    private static Object convert(ConfigType type, String text) {
        return switch (type) {
            case STRING, PASSWORD -> text;
            case INT -> Integer.parseInt(text);
            case LONG -> Long.parseLong(text);
            case BOOLEAN -> parseBoolean(text);
            case DURATION -> parseDuration(text);
            case LIST -> text.isEmpty() ? List.of()
                    : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        };
    }

    private static Boolean parseBoolean(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.valueOf(text);
        }
        throw new IllegalArgumentException("not a boolean");
    }

    /** Accepts ISO-8601 ({@code PT30S}) or a number with a unit suffix: {@code 500ms}, {@code 30s}, {@code 5m}. */
    static Duration parseDuration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        char unit = text.charAt(text.length() - 1);
        String number = text.substring(0, text.length() - 1);
        return switch (unit) {
            case 's' -> Duration.ofSeconds(Long.parseLong(number));
            case 'm' -> Duration.ofMinutes(Long.parseLong(number));
            case 'h' -> Duration.ofHours(Long.parseLong(number));
            default -> Duration.ofMillis(Long.parseLong(text));
        };
    }

    /** Parsed, validated values. Passwords are stored but never rendered by {@link #toString()}. */
    public static final class Config {
        private final Map<String, Object> values;

        Config(Map<String, Object> values) {
            this.values = values;
        }

        public String getString(String key) {
            return (String) require(key);
        }

        public int getInt(String key) {
            return (Integer) require(key);
        }

        public long getLong(String key) {
            return (Long) require(key);
        }

        public boolean getBoolean(String key) {
            return (Boolean) require(key);
        }

        public Duration getDuration(String key) {
            return (Duration) require(key);
        }

        @SuppressWarnings("unchecked")
        public List<String> getList(String key) {
            return (List<String>) require(key);
        }

        private Object require(String key) {
            Object v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("no such configuration key: " + key);
            }
            return v;
        }

        @Override
        public String toString() {
            return "Config" + values.keySet();
        }
    }
}
