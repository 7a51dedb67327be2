package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.model.training.ClassifierTrainer;
import io.aihub.model.training.TrainingReport;
import io.aihub.model.training.TrainingSpec;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the shipped churn model in {@code models/churn/1.0.0}. Runs only when asked, so the normal build
 * never rewrites shipped files. The trainer never overwrites a version, so this test deletes the two shipped files
 * first, on purpose:
 *
 * <pre>
 * mvn -B -o install -pl model-adapter -Daihub.writeShippedModel=true \
 *     -Dtest=ShippedChurnModelWriterTest -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "aihub.writeShippedModel", matches = "true")
class ShippedChurnModelWriterTest {

    @Test
    void writesTheShippedChurnModelFromTheTrainingSeed() throws IOException {
        Files.deleteIfExists(ChurnFixtures.SHIPPED_MODEL_DIR.resolve(ClassifierTrainer.MODEL_FILE));
        Files.deleteIfExists(ChurnFixtures.SHIPPED_MODEL_DIR.resolve(ModelDescriptor.FILE_NAME));
        TrainingSpec spec = TrainingSpec.read(ChurnFixtures.TRAINING_SPEC);

        TrainingReport report = ClassifierTrainer.train(spec,
                ChurnFixtures.labeledAccounts(ChurnFixtures.TRAINING_SEED, ChurnFixtures.TRAINING_ROWS),
                ChurnFixtures.SHIPPED_MODEL_DIR);

        System.out.println("shipped churn model: " + report.summary());
        assertThat(report.metrics().auc()).isGreaterThanOrEqualTo(0.80);
        assertThat(ModelDescriptor.read(report.descriptorFile()).version()).isEqualTo("1.0.0");
    }
}
