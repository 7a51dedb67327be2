package io.aihub.routes.flow;

import io.aihub.api.envelope.EventIds;
import io.aihub.api.envelope.PredictionBlock;
import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.api.model.Prediction;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourceRecord;
import io.aihub.model.mapping.FeatureMapping;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a page: maps every record with the route's feature mapping and sends all mappable records to the
 * backend in one call. A record that cannot be mapped, or whose output is invalid, becomes a
 * {@link FailedRecord}; the rest of the page goes on. When the model cannot score now (a retriable failure),
 * the route's declared {@link ModelFallback} applies: by default the failure is thrown, so the caller retries
 * the whole page. A permanent whole-batch failure fails every record of the batch.
 *
 * <p>With a {@link Challenger}: a canary scores its share of the records instead of the champion; a shadow
 * scores the champion's records again and its results ride along, and a shadow failure never affects the
 * champion's results.
 */
public final class PageScorer {

    private static final Logger LOG = LoggerFactory.getLogger(PageScorer.class);

    /** A model version as a route uses it: its mapping (with the route's renames) and its backend. */
    public record Scoring(FeatureMapping mapping, ModelBackend backend) {
        public Scoring {
            Objects.requireNonNull(mapping, "mapping");
            Objects.requireNonNull(backend, "backend");
        }
    }

    private final String modelName;
    private final Scoring champion;
    private final Scoring challenger;
    private final Challenger challengerSpec;
    private final ModelFallback fallback;
    private final Scoring fallbackScoring;

    public PageScorer(String modelName, FeatureMapping mapping, ModelBackend backend) {
        this(modelName, new Scoring(mapping, backend), null, null, ModelFallback.NONE);
    }

    /** A scorer whose fallback is not another model. */
    public PageScorer(String modelName, Scoring champion, Scoring challenger, Challenger challengerSpec,
            ModelFallback fallback) {
        this(modelName, champion, challenger, challengerSpec, fallback, null);
    }

    /**
     * @param challenger     the challenger version, or null
     * @param challengerSpec how it is used (shadow or canary), or null when there is no challenger
     * @param fallbackScoring the fallback model for {@link ModelFallback.Kind#MODEL}, else null
     */
    public PageScorer(String modelName, Scoring champion, Scoring challenger, Challenger challengerSpec,
            ModelFallback fallback, Scoring fallbackScoring) {
        this.modelName = Objects.requireNonNull(modelName, "modelName");
        this.champion = Objects.requireNonNull(champion, "champion");
        this.challenger = challenger;
        this.challengerSpec = challengerSpec;
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        if ((challenger == null) != (challengerSpec == null)) {
            throw new IllegalArgumentException("a challenger needs both its scoring and its spec");
        }
        if ((fallback.kind() == ModelFallback.Kind.MODEL) != (fallbackScoring != null)) {
            throw new IllegalArgumentException("a model fallback needs the fallback model's scoring, and only it");
        }
        this.fallbackScoring = fallbackScoring;
    }

    /** Scores every record of the page; throws only a retriable {@link AihubException} (fallback {@code none}). */
    public ScoredPage score(SourcePage page) {
        List<SourceRecord> toChampion = new ArrayList<>();
        List<SourceRecord> toCanary = new ArrayList<>();
        for (SourceRecord record : page.records()) {
            if (challengerSpec != null && challengerSpec.takes(record.id())) {
                toCanary.add(record);
            } else {
                toChampion.add(record);
            }
        }
        Map<SourceRecord, ScoredRecord> scored = new IdentityHashMap<>();
        Map<SourceRecord, FailedRecord> failed = new IdentityHashMap<>();
        scoreWith(champion, toChampion, false, scored, failed);
        if (!toCanary.isEmpty()) {
            scoreWith(challenger, toCanary, true, scored, failed);
        }
        if (challengerSpec != null && !challengerSpec.canary()) {
            shadow(page.records(), scored);
        }
        List<ScoredRecord> scoredInOrder = new ArrayList<>(scored.size());
        List<FailedRecord> failedInOrder = new ArrayList<>(failed.size());
        for (SourceRecord record : page.records()) {
            if (scored.containsKey(record)) {
                scoredInOrder.add(scored.get(record));
            } else if (failed.containsKey(record)) {
                failedInOrder.add(failed.get(record));
            }
        }
        return new ScoredPage(page, champion.backend().metadata(), scoredInOrder, failedInOrder);
    }

    private void scoreWith(Scoring scoring, List<SourceRecord> records, boolean isCanary,
            Map<SourceRecord, ScoredRecord> scored, Map<SourceRecord, FailedRecord> failed) {
        List<SourceRecord> mapped = new ArrayList<>();
        List<FeatureRow> rows = new ArrayList<>();
        for (SourceRecord record : records) {
            try {
                rows.add(scoring.mapping().map(record.fields()));
                mapped.add(record);
            } catch (AihubException e) {
                failed.put(record, new FailedRecord(record, e, "map"));
            } catch (RuntimeException e) {
                failed.put(record, new FailedRecord(record, new PermanentException("MAPPING_FAILED",
                        "feature mapping failed: " + e.getClass().getSimpleName(), e), "map"));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        var metadata = scoring.backend().metadata();
        List<String> sourceFields = scoring.mapping().sourceFields();
        long started = System.nanoTime();
        List<ModelOutcome> outcomes;
        try {
            outcomes = scoreBatch(scoring.backend(), rows);
        } catch (AihubException e) {
            if (!e.retriable() || fallback.kind() == ModelFallback.Kind.NONE) {
                throw e;
            }
            if (fallback.kind() == ModelFallback.Kind.MODEL) {
                scoreWithFallbackModel(mapped, e, scored, failed);
                return;
            }
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            for (int i = 0; i < mapped.size(); i++) {
                SourceRecord record = mapped.get(i);
                if (fallback.kind() == ModelFallback.Kind.DEAD_LETTER) {
                    failed.put(record, new FailedRecord(record, e, "score"));
                } else {
                    scored.put(record, new ScoredRecord(record, usedFields(sourceFields, record),
                            new Prediction(null, fallback.score(), Map.of()), inputHash(rows.get(i)), latencyMs,
                            metadata, "default-score: " + e.code(), List.of()));
                }
            }
            return;
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        for (int i = 0; i < outcomes.size(); i++) {
            SourceRecord record = mapped.get(i);
            ModelOutcome outcome = outcomes.get(i);
            if (outcome.isSuccess()) {
                scored.put(record, new ScoredRecord(record, usedFields(sourceFields, record),
                        outcome.prediction(), inputHash(rows.get(i)), latencyMs, isCanary ? metadata : null, null,
                        List.of()));
            } else {
                failed.put(record, new FailedRecord(record, outcome.error(), "score"));
            }
        }
    }

    /**
     * Scores records the champion could not score now ({@code cause}) with the fallback model, each result flagged
     * {@code model <name> <version>: <cause code>}. A retriable failure of the fallback model too fails the page
     * with the champion's error, so the source retries it.
     */
    private void scoreWithFallbackModel(List<SourceRecord> records, AihubException cause,
            Map<SourceRecord, ScoredRecord> scored, Map<SourceRecord, FailedRecord> failed) {
        var metadata = fallbackScoring.backend().metadata();
        List<String> sourceFields = fallbackScoring.mapping().sourceFields();
        String reason = "model " + metadata.name() + " " + metadata.version() + ": " + cause.code();
        List<SourceRecord> mapped = new ArrayList<>();
        List<FeatureRow> rows = new ArrayList<>();
        for (SourceRecord record : records) {
            try {
                rows.add(fallbackScoring.mapping().map(record.fields()));
                mapped.add(record);
            } catch (AihubException mappingFailure) {
                failed.put(record, new FailedRecord(record, mappingFailure, "map"));
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        List<ModelOutcome> outcomes;
        try {
            outcomes = scoreBatch(fallbackScoring.backend(), rows);
        } catch (AihubException fallbackFailure) {
            LOG.warn("AIHUB-MODEL-0012 fallback model {} {} could not score either ({})", metadata.name(),
                    metadata.version(), fallbackFailure.code());
            throw cause;
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        for (int i = 0; i < outcomes.size(); i++) {
            SourceRecord record = mapped.get(i);
            ModelOutcome outcome = outcomes.get(i);
            if (outcome.isSuccess()) {
                scored.put(record, new ScoredRecord(record, usedFields(sourceFields, record),
                        outcome.prediction(), inputHash(rows.get(i)), latencyMs, metadata, reason, List.of()));
            } else {
                failed.put(record, new FailedRecord(record, outcome.error(), "score"));
            }
        }
    }

    /**
     * Scores the champion's records again with the shadow, in page order; a record the shadow cannot map or
     * score goes on with the champion's result only, and the page logs how many those were.
     */
    private void shadow(List<SourceRecord> pageRecords, Map<SourceRecord, ScoredRecord> scored) {
        List<SourceRecord> records = new ArrayList<>();
        List<FeatureRow> rows = new ArrayList<>();
        int failures = 0;
        for (SourceRecord record : pageRecords) {
            ScoredRecord result = scored.get(record);
            if (result == null || result.fallback() != null) {
                continue;
            }
            try {
                rows.add(challenger.mapping().map(record.fields()));
                records.add(record);
            } catch (RuntimeException mappingFailure) {
                failures++;
            }
        }
        var metadata = challenger.backend().metadata();
        List<ModelOutcome> outcomes = List.of();
        String reason = "mapping";
        if (!rows.isEmpty()) {
            try {
                outcomes = challenger.backend().predict(rows);
                if (outcomes.size() != rows.size()) {
                    reason = "MODEL_INVALID_OUTPUT";
                    outcomes = List.of();
                }
            } catch (RuntimeException e) {
                reason = e instanceof AihubException ae ? ae.code() : e.getClass().getSimpleName();
            }
            if (outcomes.isEmpty()) {
                failures += rows.size();
            }
        }
        for (int i = 0; i < outcomes.size(); i++) {
            ModelOutcome outcome = outcomes.get(i);
            if (!outcome.isSuccess()) {
                failures++;
                reason = outcome.error().code();
                continue;
            }
            SourceRecord record = records.get(i);
            Prediction p = outcome.prediction();
            scored.put(record, scored.get(record).withShadow(List.of(new PredictionBlock.ShadowPrediction(
                    metadata.name(), metadata.version(), p.label(), p.score()))));
        }
        if (failures > 0) {
            LOG.warn("AIHUB-MODEL-0010 shadow {} {} gave no result for {} record(s) of a page ({})", metadata.name(),
                    metadata.version(), failures, reason);
        }
    }

    private List<ModelOutcome> scoreBatch(ModelBackend backend, List<FeatureRow> rows) {
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

    private static Map<String, Object> usedFields(List<String> sourceFields, SourceRecord record) {
        Map<String, Object> used = new LinkedHashMap<>();
        for (String field : sourceFields) {
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
