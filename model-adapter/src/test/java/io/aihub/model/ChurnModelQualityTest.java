package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.training.ClassificationMetrics;
import io.aihub.model.training.ClassifierTrainer;
import io.aihub.model.training.TrainingReport;
import io.aihub.model.training.TrainingSpec;
import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.crm.salesforce.AccountGenerator.GeneratedAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the churn model against the generator's hidden outcomes: on the training seed's holdout, and, for
 * the shipped model, on the demo CRM's accounts it never saw.
 */
class ChurnModelQualityTest {

    private static final Logger LOG = LoggerFactory.getLogger(ChurnModelQualityTest.class);
    private static final double MIN_AUC = 0.80;
    private static final int DEMO_ACCOUNTS = 5_000;
    private static final int BATCH = 500;

    @Test
    void trainingOnTheTrainingSeedReachesTheMinimumHoldoutAuc(@TempDir Path dir) {
        TrainingSpec spec = TrainingSpec.read(ChurnFixtures.TRAINING_SPEC);

        TrainingReport report = ClassifierTrainer.train(spec,
                ChurnFixtures.labeledAccounts(ChurnFixtures.TRAINING_SEED, ChurnFixtures.TRAINING_ROWS),
                dir.resolve("1.0.0"));

        LOG.info("training-seed holdout: {}", report.summary());
        assertThat(report.metrics().auc()).isGreaterThanOrEqualTo(MIN_AUC);
        assertThat(report.metrics().holdoutRows()).isEqualTo(4_000);
        assertThat(report.exportMaxDifference()).isLessThan(ClassifierTrainer.MAX_EXPORT_DIFFERENCE);
    }

    @Test
    void shippedModelScoresUnseenDemoAccountsWithTheMinimumAuc() {
        List<GeneratedAccount> accounts = new AccountGenerator(ChurnFixtures.DEMO_SEED).generate(DEMO_ACCOUNTS);
        double[] scores = new double[accounts.size()];
        boolean[] churned = new boolean[accounts.size()];

        try (LoadedModel model = ModelRegistry.load(ChurnFixtures.MODELS_DIR, "churn", null)) {
            assertThat(model.descriptor().version()).isEqualTo("1.0.0");
            for (int start = 0; start < accounts.size(); start += BATCH) {
                List<GeneratedAccount> page = accounts.subList(start, Math.min(accounts.size(), start + BATCH));
                List<FeatureRow> rows = new ArrayList<>();
                for (GeneratedAccount account : page) {
                    rows.add(model.mapping().map(account.fields()));
                }
                List<ModelOutcome> outcomes = model.backend().predict(rows);
                for (int i = 0; i < page.size(); i++) {
                    assertThat(outcomes.get(i).isSuccess()).isTrue();
                    scores[start + i] = outcomes.get(i).prediction().score();
                    churned[start + i] = page.get(i).churned();
                }
            }
        }

        double auc = ClassificationMetrics.rocAuc(scores, churned);
        LOG.info("shipped churn model on {} demo accounts (seed {}): AUC {}", DEMO_ACCOUNTS, ChurnFixtures.DEMO_SEED,
                auc);
        assertThat(auc).isGreaterThanOrEqualTo(MIN_AUC);
    }
}
