package io.aihub.api.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.aihub.api.model.PredictionOutput;
import io.aihub.api.model.TokenUsage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code prediction} block.
 *
 * @param model        the model name
 * @param modelVersion the model version that produced the score
 * @param backend      where it ran, e.g. {@code onnx}
 * @param label        the predicted class, or null for a regressor
 * @param score        positive-class probability or regression value
 * @param scores       probability per class
 * @param latencyMs    model time for this record's batch, in milliseconds
 * @param inputHash    SHA-256 of the mapped inputs, to spot identical inputs across versions
 * @param fallback     null, or the reason a declared fallback produced this result
 * @param shadow       challenger results, empty when no challenger runs
 * @param usage        the tokens the record's request used (chat models), or null when the backend reports none;
 *                     left out of the JSON when null, so events of other models are unchanged
 * @param outputs      each output's result for a model with several outputs (e.g. {@code priority} and
 *                     {@code category}); left out of the JSON when empty, so single-output events are unchanged
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"model", "modelVersion", "backend", "label", "score", "scores", "latencyMs", "inputHash",
    "fallback", "shadow", "usage", "outputs"})
public record PredictionBlock(String model, String modelVersion, String backend, String label, double score,
        Map<String, Double> scores, long latencyMs, String inputHash, String fallback,
        List<ShadowPrediction> shadow, @JsonInclude(JsonInclude.Include.NON_NULL) TokenUsage usage,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, PredictionOutput> outputs) {

    public PredictionBlock {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(inputHash, "inputHash");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite");
        }
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must not be negative");
        }
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores == null ? Map.of() : scores));
        shadow = shadow == null ? List.of() : List.copyOf(shadow);
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs == null ? Map.of() : outputs));
    }

    /** A single-output block with token usage. */
    public PredictionBlock(String model, String modelVersion, String backend, String label, double score,
            Map<String, Double> scores, long latencyMs, String inputHash, String fallback,
            List<ShadowPrediction> shadow, TokenUsage usage) {
        this(model, modelVersion, backend, label, score, scores, latencyMs, inputHash, fallback, shadow, usage,
                Map.of());
    }

    /** A block without token usage. */
    public PredictionBlock(String model, String modelVersion, String backend, String label, double score,
            Map<String, Double> scores, long latencyMs, String inputHash, String fallback,
            List<ShadowPrediction> shadow) {
        this(model, modelVersion, backend, label, score, scores, latencyMs, inputHash, fallback, shadow, null,
                Map.of());
    }

    /**
     * A challenger's result for the same record, published alongside but never acted on.
     *
     * @param model        the challenger model name
     * @param modelVersion its version
     * @param label        its predicted class
     * @param score        its score
     */
    @JsonPropertyOrder({"model", "modelVersion", "label", "score"})
    public record ShadowPrediction(String model, String modelVersion, String label, double score) {
    }
}
