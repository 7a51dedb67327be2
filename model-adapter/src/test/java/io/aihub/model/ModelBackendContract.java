package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.aihub.api.error.AihubException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.api.model.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ModelBackend} must show, whatever runs the model. A backend's test extends this
 * class and supplies a ready backend and rows it can score.
 */
public abstract class ModelBackendContract {

    private ModelBackend backend;
    private List<FeatureRow> rows;

    /** A new, ready backend; the contract closes it. */
    protected abstract ModelBackend newBackend();

    /** At least 50 valid, varied rows for the backend's model. */
    protected abstract List<FeatureRow> sampleRows();

    /**
     * True when every prediction carries a probability per label (classifiers); false for backends that report
     * only the chosen label and its confidence (chat models), whose predictions are checked for a known label and
     * a score in [0, 1] instead.
     */
    protected boolean reportsClassProbabilities() {
        return true;
    }

    @BeforeEach
    void openBackend() {
        backend = newBackend();
        rows = sampleRows();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(50);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    private static Prediction prediction(ModelOutcome outcome) {
        assertThat(outcome.isSuccess()).as("outcome succeeded").isTrue();
        return outcome.prediction();
    }

    @Test
    void batchOfNRowsGivesNOutcomesInRowOrder() {
        List<ModelOutcome> outcomes = backend.predict(rows);

        assertThat(outcomes).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i += 7) {
            assertThat(prediction(outcomes.get(i))).isEqualTo(prediction(backend.predict(List.of(rows.get(i))).get(0)));
        }
    }

    @Test
    void batchResultsEqualOneByOneResults() {
        List<FeatureRow> some = rows.subList(0, 50);
        List<ModelOutcome> oneByOne = new ArrayList<>();
        for (FeatureRow row : some) {
            oneByOne.addAll(backend.predict(List.of(row)));
        }

        assertThat(backend.predict(some)).isEqualTo(oneByOne);
    }

    @Test
    void sameRowAlwaysGetsTheSameScore() {
        FeatureRow row = rows.get(3);

        List<ModelOutcome> outcomes = backend.predict(List.of(row, rows.get(4), row, row));

        double score = prediction(outcomes.get(0)).score();
        assertThat(prediction(outcomes.get(2)).score()).isEqualTo(score);
        assertThat(prediction(outcomes.get(3)).score()).isEqualTo(score);
        assertThat(prediction(backend.predict(List.of(row)).get(0)).score()).isEqualTo(score);
    }

    @Test
    void predictionsFollowTheMetadataLabels() {
        List<String> labels = backend.metadata().labels();
        String positive = backend.metadata().positiveLabel();

        for (ModelOutcome outcome : backend.predict(rows)) {
            Prediction prediction = prediction(outcome);
            if (!reportsClassProbabilities()) {
                assertThat(labels).contains(prediction.label());
                assertThat(prediction.score()).isBetween(0.0, 1.0);
                assertThat(labels).containsAll(prediction.scores().keySet());
                continue;
            }
            assertThat(prediction.scores()).containsOnlyKeys(labels);
            assertThat(prediction.scores().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, offset(1e-3));
            assertThat(prediction.score()).isEqualTo(prediction.scores().get(positive));
            double best = prediction.scores().values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            assertThat(prediction.scores().get(prediction.label())).isEqualTo(best);
        }
    }

    @Test
    void emptyBatchGivesNoOutcomes() {
        assertThat(backend.predict(List.of())).isEmpty();
    }

    @Test
    void concurrentCallersGetTheSameResultsAsOneCaller() throws Exception {
        List<ModelOutcome> expected = backend.predict(rows);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<ModelOutcome>>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(pool.submit(() -> backend.predict(rows)));
            }
            for (Future<List<ModelOutcome>> future : futures) {
                assertThat(future.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsFailWithATypedError() {
        assertThat(backend.ready()).isTrue();

        backend.close();
        backend.close();

        assertThat(backend.ready()).isFalse();
        assertThatThrownBy(() -> backend.predict(rows.subList(0, 1))).isInstanceOf(AihubException.class);
    }
}
