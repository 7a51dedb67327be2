package io.aihub.connectors.common;

import com.fasterxml.jackson.databind.JsonNode;

/** How connectors turn a JSON field value of a source record into the Java value a {@code SourceRecord} holds. */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * The Java value of a JSON field value: text, boolean, {@code long} for integral numbers that fit, otherwise
     * {@code double}; null for JSON null or a missing node. Nested objects and arrays (relationships, lookups)
     * stay JSON text.
     */
    public static Object javaValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.toString();
    }
}
