package io.aihub.api.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One model result.
 *
 * @param label  the predicted class (or null for a regressor)
 * @param score  the probability of the positive class, or the regression value
 * @param scores probability per class label (empty for a regressor)
 */
public record Prediction(String label, double score, Map<String, Double> scores) {

    public Prediction {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite");
        }
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }
}
