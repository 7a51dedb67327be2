package io.aihub.routes.flow;

import io.aihub.api.envelope.EventIds;
import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourceRecord;
import io.aihub.model.mapping.FeatureMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores a page: maps every record with the route's feature mapping and sends all mappable records to the
 * backend in one call. A record that cannot be mapped, or whose output is invalid, becomes a
 * {@link FailedRecord}; the rest of the page goes on. A retriable model failure is thrown, so the caller
 * retries the whole page; a permanent whole-batch failure fails every record of the batch.
 */
public final class PageScorer {

    private final String modelName;
    private final FeatureMapping mapping;
    private final ModelBackend backend;

    public PageScorer(String modelName, FeatureMapping mapping, ModelBackend backend) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    public FeatureMapping mapping() {
        return mapping;
    }

    /** Scores every record of the page; throws only a retriable {@link AihubException}. */
    public ScoredPage score(SourcePage page) {
        List<SourceRecord> mapped = new ArrayList<>();
        List<FeatureRow> rows = new ArrayList<>();
        List<FailedRecord> failed = new ArrayList<>();
        for (SourceRecord record : page.records()) {
            try {
                rows.add(mapping.map(record.fields()));
                mapped.add(record);
            } catch (AihubException e) {
                failed.add(new FailedRecord(record, e, "map"));
            } catch (RuntimeException e) {
                failed.add(new FailedRecord(record, new PermanentException("MAPPING_FAILED",
                        "feature mapping failed: " + e.getClass().getSimpleName(), e), "map"));
            }
        }
        List<ScoredRecord> scored = new ArrayList<>(rows.size());
        if (!rows.isEmpty()) {
            long started = System.nanoTime();
            List<ModelOutcome> outcomes = scoreBatch(rows);
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            for (int i = 0; i < outcomes.size(); i++) {
                SourceRecord record = mapped.get(i);
                ModelOutcome outcome = outcomes.get(i);
                if (outcome.isSuccess()) {
                    scored.add(new ScoredRecord(record, usedFields(record), outcome.prediction(),
                            inputHash(rows.get(i)), latencyMs));
                } else {
                    failed.add(new FailedRecord(record, outcome.error(), "score"));
                }
            }
        }
        return new ScoredPage(page, backend.metadata(), scored, failed);
    }

    private List<ModelOutcome> scoreBatch(List<FeatureRow> rows) {
        List<ModelOutcome> outcomes;
        try {
            outcomes = backend.predict(rows);
        } catch (AihubException e) {
            if (e.retriable()) {
                throw e;
            }
            return rows.stream().map(r -> ModelOutcome.failed(e)).toList();
        }
        if (outcomes.size() != rows.size()) {
            var mismatch = new PermanentException("MODEL_INVALID_OUTPUT", "model " + modelName
                    + " returned " + outcomes.size() + " results for " + rows.size() + " inputs");
            return rows.stream().map(r -> ModelOutcome.failed(mismatch)).toList();
        }
        return outcomes;
    }

    private Map<String, Object> usedFields(SourceRecord record) {
        Map<String, Object> used = new LinkedHashMap<>();
        for (String field : mapping.sourceFields()) {
            used.put(field, record.fields().get(field));
        }
        return used;
    }

    /** SHA-256 over the mapped inputs in model order, so equal inputs hash equal across records and versions. */
    static String inputHash(FeatureRow row) {
        StringBuilder text = new StringBuilder(256);
        row.values().forEach((name, value) -> text.append(name).append('=').append(value).append(';'));
        return EventIds.sha256Hex(text.toString());
    }
}
