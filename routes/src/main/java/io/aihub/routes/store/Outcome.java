package io.aihub.routes.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The observed ground truth of one record, for the predictions a scoring route made on it.
 *
 * @param routeId       the scoring route whose predictions it judges
 * @param sourceSystem  the connector instance the outcome was read from
 * @param entity        the record's entity (e.g. {@code Account})
 * @param recordId      the record id, as in {@code predictions.record_id}
 * @param recordVersion the record version the outcome was read from
 * @param label         the true class, in the model's labels (e.g. {@code yes})
 * @param positive      whether {@code label} is the model's positive class
 * @param observedAt    when the outcome happened (or, without such a field, when the source last changed it)
 * @param source        where it came from: {@code <system>/<entity>.<field>}
 */
public record Outcome(String routeId, String sourceSystem, String entity, String recordId, String recordVersion,
        String label, boolean positive, Instant observedAt, String source) {

    public Outcome {
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(recordVersion, "recordVersion");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(source, "source");
    }
}
