package io.aihub.api.model;

import java.util.Collections;
import java.util.List;
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
 * @param outputs for a model with several outputs, each output's result by output name in the model's order
 *               (then {@code label}, {@code score} and {@code scores} are those of the first output); empty
 *               for a model with one output
 */
public record Prediction(String label, double score, Map<String, Double> scores, TokenUsage usage,
        Map<String, PredictionOutput> outputs) {

    public Prediction {
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite");
        }
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs == null ? Map.of() : outputs));
    }

    /** A single-output result with token usage. */
    public Prediction(String label, double score, Map<String, Double> scores, TokenUsage usage) {
        this(label, score, scores, usage, Map.of());
    }

    /**
     * A multi-output result: the top-level label, score and scores are those of the first output.
     *
     * @param outputs each output's result, in the model's output order; at least one
     */
    public static Prediction ofOutputs(Map<String, PredictionOutput> outputs) {
        if (outputs == null || outputs.isEmpty()) {
            throw new IllegalArgumentException("outputs must hold at least one output");
        }
        PredictionOutput first = List.copyOf(outputs.values()).get(0);
        return new Prediction(first.label(), first.score(), first.scores(), null, outputs);
    }

    /** A result without token usage. */
    public Prediction(String label, double score, Map<String, Double> scores) {
        this(label, score, scores, null);
    }

    /** The same result with the tokens its request used. */
    public Prediction withUsage(TokenUsage newUsage) {
        return new Prediction(label, score, scores, newUsage, outputs);
    }
}
