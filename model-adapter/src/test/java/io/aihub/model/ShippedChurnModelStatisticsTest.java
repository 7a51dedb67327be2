package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.model.training.ClassifierTrainer;
import io.aihub.model.training.TrainingSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped churn model's drift baselines (per-feature bins and the score distribution) are what
 * {@code ./aihub train} computes: training the spec on its seed again gives the same model (equal holdout metrics,
 * so the weights were not changed when the baselines were added) and the same statistics.
 */
class ShippedChurnModelStatisticsTest {

    @Test
    void shippedBaselinesAreWhatTrainingComputes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("churn").resolve("1.0.0");
        ClassifierTrainer.train(TrainingSpec.read(ChurnFixtures.TRAINING_SPEC),
                ChurnFixtures.labeledAccounts(ChurnFixtures.TRAINING_SEED, ChurnFixtures.TRAINING_ROWS), out);

        ModelDescriptor freshModel = ModelDescriptor.read(out.resolve(ModelDescriptor.FILE_NAME));
        ModelDescriptor shippedModel = ModelDescriptor.read(ChurnFixtures.SHIPPED_MODEL_DIR
                .resolve(ModelDescriptor.FILE_NAME));
        // The same weights: the holdout metrics (computed from the exported model's probabilities) are equal.
        assertThat(freshModel.metrics()).isEqualTo(shippedModel.metrics());
        assertThat(freshModel.features()).isEqualTo(shippedModel.features());
        TrainingSummary fresh = freshModel.training();
        TrainingSummary shipped = shippedModel.training();
        assertThat(shipped.features()).isEqualTo(fresh.features());
        assertThat(shipped.score()).isEqualTo(fresh.score());
        shipped.features().forEach((name, stats) -> assertThat(stats.bins()).as(name).isNotNull());
        assertThat(shipped.score().bins().size()).isEqualTo(Histogram.DEFAULT_BINS);
    }
}
