package io.aihub.model.embedded.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ChurnFixtures;
import io.aihub.model.ModelBackendContract;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.mapping.FeatureMapping;
import io.aihub.model.training.LabeledRow;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model backend contract and the ONNX backend's own checks, on the shipped churn model. */
class OnnxModelBackendTest extends ModelBackendContract {

    private static final Path MODEL_DIR = ChurnFixtures.SHIPPED_MODEL_DIR;
    private static final ModelDescriptor DESCRIPTOR = ModelDescriptor.read(MODEL_DIR.resolve("model.yaml"));
    private static final List<FeatureRow> ROWS = mapped(200);

    private static List<FeatureRow> mapped(int count) {
        FeatureMapping mapping = DESCRIPTOR.mapping();
        return ChurnFixtures.labeledAccounts(7L, count).stream().map(LabeledRow::fields).map(mapping::map).toList();
    }

    private static OnnxModelBackend open(ModelDescriptor descriptor) {
        return OnnxModelBackend.open(descriptor, MODEL_DIR.resolve(DESCRIPTOR.file()));
    }

    @Override
    protected ModelBackend newBackend() {
        return open(DESCRIPTOR);
    }

    @Override
    protected List<FeatureRow> sampleRows() {
        return ROWS;
    }

    @Test
    void rowLackingAFeatureFailsAloneAndTheOthersAreScored() {
        Map<String, Object> broken = new HashMap<>(ROWS.get(1).values());
        broken.remove("nps");
        try (OnnxModelBackend backend = open(DESCRIPTOR)) {
            List<ModelOutcome> outcomes = backend.predict(List.of(ROWS.get(0), new FeatureRow(broken), ROWS.get(2)));

            assertThat(outcomes.get(0).isSuccess()).isTrue();
            assertThat(outcomes.get(2).prediction()).isEqualTo(backend.predict(List.of(ROWS.get(2))).get(0)
                    .prediction());
            assertThat(outcomes.get(1).error()).isInstanceOf(PermanentException.class);
            assertThat(outcomes.get(1).error().code()).isEqualTo("MODEL_SCHEMA_MISMATCH");
            assertThat(outcomes.get(1).error().getMessage()).contains("feature 'nps' is missing");
        }
    }

    @Test
    void rowWithTextForAFeatureFailsAloneWithoutShowingTheText() {
        Map<String, Object> broken = new HashMap<>(ROWS.get(1).values());
        broken.put("plan_basic", "Basic plan for Jane");
        try (OnnxModelBackend backend = open(DESCRIPTOR)) {
            ModelOutcome outcome = backend.predict(List.of(new FeatureRow(broken))).get(0);

            assertThat(outcome.error().code()).isEqualTo("MODEL_SCHEMA_MISMATCH");
            assertThat(outcome.error().getMessage()).contains("feature 'plan_basic' is not a number")
                    .doesNotContain("Jane");
        }
    }

    @Test
    void metadataComesFromTheDescriptor() {
        try (OnnxModelBackend backend = open(DESCRIPTOR)) {
            assertThat(backend.metadata()).isEqualTo(DESCRIPTOR.metadata());
            assertThat(backend.metadata().features()).extracting("name").containsExactly("days_since_login",
                    "support_cases_90d", "tenure_log", "nps", "nps_missing", "plan_basic", "plan_enterprise",
                    "monthly_spend");
        }
    }

    @Test
    void callsAfterCloseAreRetriableBecauseAReloadedModelMayTakeThem() {
        OnnxModelBackend backend = open(DESCRIPTOR);
        backend.close();

        assertThatThrownBy(() -> backend.predict(ROWS.subList(0, 1)))
                .isInstanceOfSatisfying(RetriableException.class,
                        e -> assertThat(e.code()).isEqualTo("MODEL_NOT_READY"));
    }

    @Test
    void descriptorWithAnotherFeatureCountFailsAtLoadNamingBothCounts() {
        ModelDescriptor fewer = withFeaturesAndInput(DESCRIPTOR.features().size() - 1, DESCRIPTOR.input());

        assertThatThrownBy(() -> open(fewer))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MODEL_SCHEMA_MISMATCH");
                    assertThat(e.getMessage()).contains("input 'input' has 8 features but model.yaml declares 7");
                });
    }

    @Test
    void descriptorNamingAnotherInputFailsAtLoadListingTheModelsInputs() {
        ModelDescriptor renamed = withFeaturesAndInput(DESCRIPTOR.features().size(), "features");

        assertThatThrownBy(() -> open(renamed))
                .hasMessageContaining("the model has no input 'features' (inputs: [input])");
    }

    @Test
    void missingModelFileFailsAtLoad() {
        assertThatThrownBy(() -> OnnxModelBackend.open(DESCRIPTOR, MODEL_DIR.resolve("absent.onnx")))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo("MODEL_NOT_FOUND"));
    }

    private static ModelDescriptor withFeaturesAndInput(int featureCount, String input) {
        return new ModelDescriptor(DESCRIPTOR.name(), DESCRIPTOR.version(), DESCRIPTOR.backend(), DESCRIPTOR.file(),
                input, DESCRIPTOR.output(), DESCRIPTOR.labels(), DESCRIPTOR.positiveLabel(),
                DESCRIPTOR.features().subList(0, featureCount), null, null);
    }
}
