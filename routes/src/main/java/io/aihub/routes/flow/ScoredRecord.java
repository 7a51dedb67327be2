package io.aihub.routes.flow;

import io.aihub.api.model.Prediction;
import io.aihub.api.source.SourceRecord;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
        String inputHash, long latencyMs) {

    public ScoredRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(inputHash, "inputHash");
        usedFields = Collections.unmodifiableMap(new LinkedHashMap<>(usedFields));
    }
}
