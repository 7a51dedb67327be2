package io.aihub.api.model;

import java.util.Objects;

/**
 * One model input feature.
 *
 * @param name the feature name, as the model expects it
 * @param type the value type the model takes: {@code float}, {@code double}, {@code int64} or {@code string}
 */
public record FeatureSpec(String name, String type) {

    public FeatureSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
