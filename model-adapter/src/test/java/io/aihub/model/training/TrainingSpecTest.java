package io.aihub.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.model.ChurnFixtures;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingSpecTest {

    @TempDir
    Path dir;

    @Test
    void readsTheShippedChurnSpecWithUnfittedStepsAndMeanDefaults() {
        TrainingSpec spec = TrainingSpec.read(ChurnFixtures.TRAINING_SPEC);

        assertThat(spec.name()).isEqualTo("churn");
        assertThat(spec.labels()).containsExactly("no", "yes");
        assertThat(spec.positiveLabel()).isEqualTo("yes");
        assertThat(spec.labelField()).isEqualTo("churned");
        assertThat(spec.seed()).isEqualTo(ChurnFixtures.TRAINING_SEED);
        FeatureDefinition days = spec.features().get(0);
        assertThat(days.defaultValue()).isEqualTo(FeatureDefinition.DEFAULT_MEAN);
        assertThat(days.transforms()).contains(Transform.Standardize.unfitted());
    }

    @Test
    void appliesDefaultEpochsAndLearningRate() throws Exception {
        Path file = dir.resolve("training.yaml");
        Files.writeString(file, """
                name: toy
                version: 0.1.0
                labels: [a, b]
                positiveLabel: b
                labelField: label
                seed: 1
                holdoutFraction: 0.2
                features:
                  - {name: x, field: X}
                """);

        TrainingSpec spec = TrainingSpec.read(file);

        assertThat(spec.epochs()).isEqualTo(TrainingSpec.DEFAULT_EPOCHS);
        assertThat(spec.learningRate()).isEqualTo(TrainingSpec.DEFAULT_LEARNING_RATE);
        assertThat(spec.features().get(0).type()).isEqualTo("float");
    }

    @Test
    void reportsEveryProblemAtOnce() throws Exception {
        Path file = dir.resolve("training.yaml");
        Files.writeString(file, """
                name: toy
                version: "1"
                labels: [a]
                positiveLabel: c
                holdoutFraction: 0.9
                epochs: 0
                features:
                  - {name: plan, field: Plan, default: mean, transforms: [{one-hot: {value: x}}]}
                  - {name: industry, field: Industry, type: string}
                """);

        assertThatThrownBy(() -> TrainingSpec.read(file))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "version must be a semantic version like 1.0.0",
                        "labels must list at least two distinct, non-blank class labels",
                        "positiveLabel must be one of the labels",
                        "labelField must name the field that holds the label",
                        "seed is required, so that training is repeatable",
                        "holdoutFraction must be above 0 and at most 0.5",
                        "epochs must be between 1 and 1000",
                        "feature 'plan': default 'mean' needs a numeric field (not one-hot, indicator-missing,"
                                + " days-until or string)",
                        "feature 'industry' has type string; the trainer takes numeric features only"));
    }
}
