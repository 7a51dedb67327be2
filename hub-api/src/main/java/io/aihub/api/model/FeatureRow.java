package io.aihub.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The mapped inputs for one record: feature name to value (Number or String), as the model expects them. */
public record FeatureRow(Map<String, Object> values) {

    public FeatureRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }
}
