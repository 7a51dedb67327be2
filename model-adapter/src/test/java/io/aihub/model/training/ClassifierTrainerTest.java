package io.aihub.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.aihub.api.error.PermanentException;
import io.aihub.model.LoadedModel;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.ModelRegistry;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.Transform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifierTrainerTest {

    private static final TrainingSpec SPEC = new TrainingSpec("toy", "0.1.0", List.of("neg", "pos"), "pos", "label",
            3L, 0.25, 5, 0.5, List.of(
                    new FeatureDefinition("score", "Score__c", "float", FeatureDefinition.DEFAULT_MEAN,
                            List.of(Transform.Standardize.unfitted())),
                    new FeatureDefinition("score_missing", "Score__c", "float", null,
                            List.of(new Transform.IndicatorMissing())),
                    new FeatureDefinition("tier_b", "Tier__c", "float", null, List.of(new Transform.OneHot("B")))));

    @TempDir
    Path dir;

    /** Rows whose label follows the score and tier, with every tenth score missing. */
    private static List<LabeledRow> rows(int count) {
        SplittableRandom random = new SplittableRandom(11);
        List<LabeledRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double score = 50 + 10 * random.nextGaussian();
            boolean tierB = random.nextBoolean();
            double z = (score - 50) / 10 + (tierB ? 1 : -1) + random.nextGaussian() * 0.5;
            Map<String, Object> fields = new HashMap<>();
            fields.put("Score__c", i % 10 == 0 ? null : score);
            fields.put("Tier__c", tierB ? "B" : "A");
            rows.add(new LabeledRow(fields, z > 0 ? "pos" : "neg"));
        }
        return rows;
    }

    @Test
    void writesAModelTheRegistryLoadsWithFittedMappingAndMetrics() {
        List<LabeledRow> rows = rows(400);

        TrainingReport report = ClassifierTrainer.train(SPEC, rows, dir.resolve("toy").resolve("0.1.0"));

        assertThat(report.modelFile()).exists().hasFileName("model.onnx");
        assertThat(report.descriptorFile()).exists().hasFileName("model.yaml");
        assertThat(report.featureCount()).isEqualTo(3);
        assertThat(report.rows()).isEqualTo(400);
        assertThat(report.trainingRows() + report.metrics().holdoutRows()).isEqualTo(400);
        assertThat(report.metrics().auc()).isGreaterThan(0.85);
        assertThat(report.exportMaxDifference()).isLessThan(1e-4);
        try (LoadedModel model = ModelRegistry.load(dir, "toy", null)) {
            ModelDescriptor descriptor = model.descriptor();
            assertThat(descriptor.input()).isEqualTo("input");
            assertThat(descriptor.output()).isEqualTo("output");
            assertThat(descriptor.labels()).containsExactlyInAnyOrder("neg", "pos");
            assertThat(descriptor.training().rows()).isEqualTo(400);
            assertThat(descriptor.training().features()).containsOnlyKeys("score", "score_missing", "tier_b");
            assertThat(descriptor.training().features().get("score_missing").missingRate()).isCloseTo(0.1,
                    offset(0.02));
            assertThat(descriptor.metrics()).isEqualTo(report.metrics());
        }
    }

    @Test
    void fitsDefaultMeanAndStandardizeOnTheTrainingRowsOnly() {
        List<LabeledRow> rows = rows(400);
        StratifiedSplit split = StratifiedSplit.of(rows.stream().map(LabeledRow::label).toList(), 0.25, 3L);
        double presentSum = 0;
        int present = 0;
        for (int index : split.training()) {
            Object score = rows.get(index).fields().get("Score__c");
            if (score != null) {
                presentSum += (Double) score;
                present++;
            }
        }
        double presentMean = presentSum / present;

        ClassifierTrainer.train(SPEC, rows, dir);

        FeatureDefinition score = ModelDescriptor.read(dir.resolve("model.yaml")).features().get(0);
        assertThat((Double) score.defaultValue()).isCloseTo(presentMean, offset(1e-9));
        Transform.Standardize standardize = (Transform.Standardize) score.transforms().get(0);
        assertThat(standardize.mean()).isCloseTo(presentMean, offset(1e-9));
        assertThat(standardize.std()).isBetween(8.0, 11.0);
    }

    @Test
    void sameSpecAndRowsGiveTheSameModel() {
        List<LabeledRow> rows = rows(300);

        TrainingReport first = ClassifierTrainer.train(SPEC, rows, dir.resolve("a"));
        TrainingReport second = ClassifierTrainer.train(SPEC, rows, dir.resolve("b"));

        ModelDescriptor a = ModelDescriptor.read(first.descriptorFile());
        ModelDescriptor b = ModelDescriptor.read(second.descriptorFile());
        assertThat(b.features()).isEqualTo(a.features());
        assertThat(b.metrics()).isEqualTo(a.metrics());
        assertThat(b.training().features()).isEqualTo(a.training().features());
    }

    @Test
    void rowsWithUnknownLabelsAreRejectedBeforeTraining() {
        List<LabeledRow> rows = new ArrayList<>(rows(50));
        rows.set(7, new LabeledRow(rows.get(7).fields(), "maybe"));

        assertThatThrownBy(() -> ClassifierTrainer.train(SPEC, rows, dir))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("TRAINING_BAD_DATA");
                    assertThat(e.getMessage()).isEqualTo(
                            "1 rows have a label that is not one of [neg, pos] (first: row 8)");
                });
        assertThat(dir.resolve("model.onnx")).doesNotExist();
    }

    @Test
    void labelWithTooFewRowsForAHoldoutIsRejected() {
        List<LabeledRow> rows = new ArrayList<>(rows(50).stream().map(r -> new LabeledRow(r.fields(), "neg")).toList());
        rows.set(0, new LabeledRow(rows.get(0).fields(), "pos"));

        assertThatThrownBy(() -> ClassifierTrainer.train(SPEC, rows, dir))
                .hasMessageContaining("label 'pos' needs at least two rows (it has 1)");
    }

    @Test
    void unreadableFieldNamesTheRowAndFieldButNotTheValue() {
        List<LabeledRow> rows = new ArrayList<>(rows(50));
        Map<String, Object> fields = new HashMap<>(rows.get(4).fields());
        fields.put("Score__c", "very high");
        rows.set(4, new LabeledRow(fields, rows.get(4).label()));

        assertThatThrownBy(() -> ClassifierTrainer.train(SPEC, rows, dir))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("MAPPING_BAD_TYPE");
                    assertThat(e.getMessage()).startsWith("training row 5: field 'Score__c'")
                            .doesNotContain("very high");
                });
    }

    @Test
    void constantFeatureCannotBeStandardized() {
        List<LabeledRow> rows = rows(50).stream().map(r -> {
            Map<String, Object> fields = new HashMap<>(r.fields());
            fields.put("Score__c", 5.0);
            return new LabeledRow(fields, r.label());
        }).toList();

        assertThatThrownBy(() -> ClassifierTrainer.train(SPEC, rows, dir))
                .hasMessageContaining("feature 'score' has the same value on every training row before standardize");
        assertThat(dir.resolve("model.yaml")).doesNotExist();
    }

    @Test
    void featureThatIsZeroOnEveryTrainingRowKeepsItsModelInput() {
        List<LabeledRow> rows = rows(60).stream().map(r -> {
            Map<String, Object> fields = new HashMap<>(r.fields());
            fields.put("Tier__c", "A");
            return new LabeledRow(fields, r.label());
        }).toList();

        TrainingReport report = ClassifierTrainer.train(SPEC, rows, dir);

        assertThat(report.featureCount()).isEqualTo(3);
        ModelDescriptor descriptor = ModelDescriptor.read(report.descriptorFile());
        assertThat(descriptor.training().features().get("tier_b").std()).isZero();
    }

    @Test
    void neverOverwritesAnExistingVersionAndLeavesNoTemporaryFiles() throws Exception {
        ClassifierTrainer.train(SPEC, rows(200), dir);
        byte[] firstModel = Files.readAllBytes(dir.resolve("model.onnx"));
        byte[] firstDescriptor = Files.readAllBytes(dir.resolve("model.yaml"));

        assertThatThrownBy(() -> ClassifierTrainer.train(SPEC, rows(300), dir))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo(ClassifierTrainer.VERSION_EXISTS);
                    assertThat(e.getMessage()).contains("model toy 0.1.0 already exists in", "never overwritten");
                });

        assertThat(Files.readAllBytes(dir.resolve("model.onnx"))).isEqualTo(firstModel);
        assertThat(Files.readAllBytes(dir.resolve("model.yaml"))).isEqualTo(firstDescriptor);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.onnx",
                    "model.yaml");
        }
    }

    @Test
    void refusesAVersionFolderHoldingAnyFile() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "hand-made");

        assertThatThrownBy(() -> ClassifierTrainer.train(SPEC, rows(200), dir))
                .isInstanceOfSatisfying(PermanentException.class,
                        e -> assertThat(e.code()).isEqualTo(ClassifierTrainer.VERSION_EXISTS));
        assertThat(dir.resolve("model.onnx")).doesNotExist();
    }

    @Test
    void fitsStandardizeOnDaysUntilAndWritesAModelTheRegistryLoads() {
        TrainingSpec spec = new TrainingSpec("dates", "0.1.0", List.of("neg", "pos"), "pos", "label", 5L, 0.25, 5,
                0.5, List.of(new FeatureDefinition("days_open", "CreatedDate", "float", null,
                        List.of(new Transform.DaysUntil("ClosedDate", null), Transform.Standardize.unfitted()))));
        SplittableRandom random = new SplittableRandom(7);
        List<LabeledRow> rows = new ArrayList<>();
        Instant created = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 300; i++) {
            double days = random.nextDouble(0, 100);
            Map<String, Object> fields = new HashMap<>();
            fields.put("CreatedDate", created.toString());
            fields.put("ClosedDate", created.plusSeconds(Math.round(days * 86_400)).toString());
            rows.add(new LabeledRow(fields, days + random.nextGaussian() * 5 > 50 ? "pos" : "neg"));
        }

        TrainingReport report = ClassifierTrainer.train(spec, rows, dir.resolve("dates").resolve("0.1.0"));

        assertThat(report.metrics().auc()).isGreaterThan(0.9);
        try (LoadedModel model = ModelRegistry.load(dir, "dates", null)) {
            FeatureDefinition daysOpen = model.descriptor().features().get(0);
            assertThat(daysOpen.transforms().get(0)).isEqualTo(new Transform.DaysUntil("ClosedDate", null));
            assertThat(((Transform.Standardize) daysOpen.transforms().get(1)).mean()).isBetween(40.0, 60.0);
            assertThat(model.mapping().sourceFields()).containsExactly("CreatedDate", "ClosedDate");
        }
    }
}
