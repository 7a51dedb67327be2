package io.aihub.routes.flow;

import io.aihub.api.model.Prediction;
import io.aihub.api.source.SourceRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.aihub.api.envelope.PredictionBlock;
import io.aihub.api.model.ModelMetadata;
import java.util.Objects;

/**
 * A record with its prediction.
 *
 * @param record     the source record version that was scored
 * @param usedFields the record fields the mapping read (what the envelope's {@code record} block shows)
 * @param prediction the model's result
 * @param inputHash  SHA-256 of the mapped inputs
 * @param latencyMs  model time of the batch this record was in
 */
public record ScoredRecord(SourceRecord record, Map<String, Object> usedFields, Prediction prediction,
        String inputHash, long latencyMs, ModelMetadata model, String fallback,
        List<PredictionBlock.ShadowPrediction> shadow) {

    public ScoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(inputHash, "inputHash");
        usedFields = Collections.unmodifiableMap(new LinkedHashMap<>(usedFields));
        shadow = shadow == null ? List.of() : List.copyOf(shadow);
    }

    /** A record scored by the page's model, without fallback or shadow results. */
    public ScoredRecord(SourceRecord record, Map<String, Object> usedFields, Prediction prediction, String inputHash,
            long latencyMs) {
        this(record, usedFields, prediction, inputHash, latencyMs, null, null, List.of());
    }

    /** The same result with challenger results attached. */
    public ScoredRecord withShadow(List<PredictionBlock.ShadowPrediction> results) {
        return new ScoredRecord(record, usedFields, prediction, inputHash, latencyMs, model, fallback, results);
    }
}
