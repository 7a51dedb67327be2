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
 * @param usage  the tokens this record's request used, for backends that bill by token (chat models); null
 *               for the others
 */
public record Prediction(String label, double score, Map<String, Double> scores, TokenUsage usage) {

    public Prediction {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite");
        }
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }

    /** A result without token usage. */
    public Prediction(String label, double score, Map<String, Double> scores) {
        this(label, score, scores, null);
    }

    /** The same result with the tokens its request used. */
    public Prediction withUsage(TokenUsage newUsage) {
        return new Prediction(label, score, scores, newUsage);
    }
}
