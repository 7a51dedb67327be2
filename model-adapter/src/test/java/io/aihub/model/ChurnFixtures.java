package io.aihub.model;

import io.aihub.model.training.LabeledRow;
import io.aihub.simulators.crm.salesforce.AccountGenerator;
import java.nio.file.Path;
import java.util.List;

/** The shipped churn model's files and labelled accounts from the CRM simulator's generator. */
public final class ChurnFixtures {

    /** The seed the shipped model is trained on; never served by the demo CRM. */
    public static final long TRAINING_SEED = 20260105L;
    /** The seed the demo CRM serves; the shipped model never saw these accounts. */
    public static final long DEMO_SEED = 42L;
    /** How many accounts the shipped model is trained on. */
    public static final int TRAINING_ROWS = 20_000;
    /** The repository's models folder (tests run in the module folder). */
    public static final Path MODELS_DIR = Path.of("..", "models").toAbsolutePath().normalize();
    /** The shipped churn model's training spec. */
    public static final Path TRAINING_SPEC = MODELS_DIR.resolve("churn").resolve("training.yaml");
    /** The shipped churn model's version folder. */
    public static final Path SHIPPED_MODEL_DIR = MODELS_DIR.resolve("churn").resolve("1.0.0");

    private ChurnFixtures() {
    }

    /** Generated accounts labelled {@code yes} (churned) or {@code no}. */
    public static List<LabeledRow> labeledAccounts(long seed, int count) {
        return new AccountGenerator(seed).generate(count).stream()
                .map(a -> new LabeledRow(a.fields(), a.churned() ? "yes" : "no"))
                .toList();
    }
}
