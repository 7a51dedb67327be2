package io.aihub.api.source;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where a source task has read up to: an opaque map the runtime stores and hands back on start. Only the
 * connector that wrote it interprets it; connectors name their keys as constants.
 */
public record SourcePosition(Map<String, String> values) {

    /** The position of a source never read before. */
    public static final SourcePosition START = new SourcePosition(Map.of());

    public SourcePosition {
        Objects.requireNonNull(values, "values");
        values = Map.copyOf(new TreeMap<>(values));
    }

    public static SourcePosition of(String k1, String v1, String k2, String v2) {
        return new SourcePosition(Map.of(k1, v1, k2, v2));
    }

    public String get(String key) {
        return values.get(key);
    }

    public boolean isStart() {
        return values.isEmpty();
    }
}
