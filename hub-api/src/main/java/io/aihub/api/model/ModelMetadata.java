package io.aihub.api.model;

import java.util.List;
import java.util.Objects;

/**
 * What a model takes and gives.
 *
 * @param name          the model name in configuration, e.g. {@code churn}
 * @param version       the model version, e.g. {@code 1.0.0}
 * @param backend       the backend type, e.g. {@code onnx}
 * @param features      the input features, in the order the model reads them
 * @param labels        class labels in output order (empty for a regressor)
 * @param positiveLabel the label whose probability is reported as {@code score}, or null for a regressor
 */
public record ModelMetadata(String name, String version, String backend, List<FeatureSpec> features,
        List<String> labels, String positiveLabel) {

    public ModelMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(backend, "backend");
        features = List.copyOf(features);
        labels = List.copyOf(labels);
        if (positiveLabel != null && !labels.contains(positiveLabel)) {
            throw new IllegalArgumentException("positive label '" + positiveLabel + "' is not one of " + labels);
        }
    }
}
