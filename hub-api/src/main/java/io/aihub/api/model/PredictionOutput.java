package io.aihub.api.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One named output of a model that predicts several things at once (a support ticket's {@code priority} and
 * {@code category}).
 *
 * @param label  the predicted class of this output
 * @param score  the probability (or confidence) of that class, in [0, 1]
 * @param scores probability per class of this output; may hold only the chosen class (chat models)
 */
@JsonPropertyOrder({"label", "score", "scores"})
public record PredictionOutput(String label, double score, Map<String, Double> scores) {

    public PredictionOutput {
        Objects.requireNonNull(label, "label");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]");
        }
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores == null ? Map.of() : scores));
    }
}
