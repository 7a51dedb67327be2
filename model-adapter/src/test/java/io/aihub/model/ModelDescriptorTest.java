package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDescriptorTest {

    private static final String VALID = """
            name: churn
            version: 1.2.0
            backend: onnx
            file: model.onnx
            input: input
            output: output
            labels: ["no", "yes"]
            positiveLabel: "yes"
            features:
              - name: days
                field: Days__c
                default: 3
                transforms:
                  - log1p
                  - standardize: {mean: 2.0, std: 1.0}
              - name: plan_basic
                field: Plan__c
                transforms:
                  - one-hot: {value: Basic}
            training:
              rows: 100
              seed: 7
              holdoutFraction: 0.2
              trainedAt: 2026-01-05T08:00:00Z
              features:
                days: {mean: 0.0, std: 1.0, min: -2.0, max: 3.0, missingRate: 0.1}
            metrics: {auc: 0.85, accuracy: 0.8, logLoss: 0.4, positiveRate: 0.25, holdoutRows: 20}
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws Exception {
        Path file = dir.resolve("model.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsEveryPartOfAValidDescriptor() throws Exception {
        ModelDescriptor descriptor = ModelDescriptor.read(write(VALID));

        assertThat(descriptor.reference()).isEqualTo("churn 1.2.0");
        assertThat(descriptor.labels()).containsExactly("no", "yes");
        assertThat(descriptor.features()).containsExactly(
                new FeatureDefinition("days", "Days__c", "float", 3,
                        List.of(new Transform.Log1p(), new Transform.Standardize(2.0, 1.0))),
                new FeatureDefinition("plan_basic", "Plan__c", "float", null, List.of(new Transform.OneHot("Basic"))));
        assertThat(descriptor.training().features().get("days")).isEqualTo(new FeatureStatistics(0, 1, -2, 3, 0.1));
        assertThat(descriptor.metrics().auc()).isEqualTo(0.85);
        assertThat(descriptor.metadata().features()).hasSize(2);
        assertThat(descriptor.mapping().map(Map.of("Plan__c", "Basic")).values()).containsEntry("plan_basic", 1.0);
    }

    @Test
    void writesWhatItReads() throws Exception {
        ModelDescriptor original = ModelDescriptor.read(write(VALID));
        Path copy = dir.resolve("copy").resolve("model.yaml");

        original.write(copy);

        assertThat(ModelDescriptor.read(copy)).isEqualTo(original);
        assertThat(Files.readString(copy)).contains("- \"no\"").doesNotContain("mapping").doesNotContain("metadata");
    }

    @Test
    void theShippedDescriptorIsValid() {
        ModelDescriptor shipped = ModelDescriptor.read(ChurnFixtures.SHIPPED_MODEL_DIR.resolve("model.yaml"));

        assertThat(shipped.reference()).isEqualTo("churn 1.0.0");
        assertThat(shipped.training().seed()).isEqualTo(ChurnFixtures.TRAINING_SEED);
    }

    @Test
    void reportsEveryProblemOfAnInvalidDescriptorAtOnce() throws Exception {
        Path file = write("""
                name: Churn!
                version: latest
                backend: pmml
                file: ../model.onnx
                input: ""
                output: output
                labels: ["yes", "yes"]
                positiveLabel: maybe
                features:
                  - name: days
                    field: Days__c
                    transforms: [standardize]
                """);

        assertThatThrownBy(() -> ModelDescriptor.read(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).startsWith(file.toString());
                    assertThat(e.problems()).containsExactly(
                            "name must be lower case letters, digits, '-' or '_' (at most 64)",
                            "version must be a semantic version like 1.0.0",
                            "backend must be one of [onnx, kserve-v2, mlflow, tfserving, openai-chat]",
                            "file must be a plain file name in the model folder, like model.onnx",
                            "input must name the model's input tensor",
                            "labels must be distinct",
                            "positiveLabel must be one of the labels",
                            "feature 'days': standardize has no fitted mean and std (train the model to fit them)");
                });
    }

    @Test
    void rejectsUnknownKeysNamingThem() throws Exception {
        Path file = write(VALID + "owner: someone\n");

        assertThatThrownBy(() -> ModelDescriptor.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unrecognized field \"owner\"");
    }

    @Test
    void rejectsFilesAboveTheSizeLimitBeforeParsing() throws Exception {
        Path file = write(VALID + "#" + "x".repeat(ModelYaml.MAX_FILE_BYTES) + "\n");

        assertThatThrownBy(() -> ModelDescriptor.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at most " + ModelYaml.MAX_FILE_BYTES + " are read");
    }

    @Test
    void rejectsAliasExpansionBombs() throws Exception {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 30; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a")
                    .append(i - 1).append("]\n");
        }
        Path file = write(yaml.toString());

        assertThatThrownBy(() -> ModelDescriptor.read(file)).isInstanceOf(ConfigException.class);
    }

    @Test
    void rejectsDuplicateKeys() throws Exception {
        Path file = write(VALID.replace("backend: onnx", "backend: onnx\nbackend: onnx"));

        assertThatThrownBy(() -> ModelDescriptor.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backend");
    }

    @Test
    void trainingStatisticsMustNameFeatures() throws Exception {
        Path file = write(VALID.replace("days: {mean", "tenure: {mean"));

        assertThatThrownBy(() -> ModelDescriptor.read(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("training statistics name feature 'tenure', which is not a feature");
    }
}
