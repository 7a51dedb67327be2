package io.aihub.api.config;

/** Value types a configuration key can have; {@link #PASSWORD} values are never printed. */
public enum ConfigType {
    STRING,
    INT,
    LONG,
    BOOLEAN,
    DURATION,
    LIST,
    PASSWORD
}
