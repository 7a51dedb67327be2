package io.aihub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

    private static final Path SHIPPED_SPEC = Path.of("..", "models", "churn", "training.yaml").toAbsolutePath();

    @TempDir
    Path models;

    private record Run(int exitCode, String stderr) {
    }

    private Run train(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new TrainCommand()).execute(args);
            return new Run(exit, errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void refusesToOverwriteAnExistingVersionAndNamesTheNextFreePatch() throws Exception {
        Path existing = Files.createDirectories(models.resolve("churn").resolve("1.0.0")).resolve("model.yaml");
        Files.writeString(existing, "name: churn\n");
        Files.createDirectories(models.resolve("churn").resolve("1.0.1"));
        Files.writeString(models.resolve("churn").resolve("1.0.1").resolve("model.yaml"), "name: churn\n");

        Run run = train("--models-dir", models.toString(), "--spec", SHIPPED_SPEC.toString(), "--rows", "400");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("already exists and a model version is never overwritten")
                .contains("--model-version 1.0.2");
        assertThat(Files.readString(existing)).isEqualTo("name: churn\n");
        assertThat(models.resolve("churn").resolve("1.0.2")).doesNotExist();
    }

    @Test
    void refusesAnOutFolderThatHoldsFiles() throws Exception {
        Path out = Files.createDirectories(models.resolve("elsewhere"));
        Files.writeString(out.resolve("model.onnx"), "not a model");

        Run run = train("--models-dir", models.toString(), "--spec", SHIPPED_SPEC.toString(), "--out", out.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("choose another --out folder");
        assertThat(Files.readString(out.resolve("model.onnx"))).isEqualTo("not a model");
    }

    @Test
    void writesTheVersionGivenOnTheCommandLineBesideTheExistingOne() throws Exception {
        Files.createDirectories(models.resolve("churn").resolve("1.0.0"));
        Files.writeString(models.resolve("churn").resolve("1.0.0").resolve("model.yaml"), "name: churn\n");

        Run run = train("--models-dir", models.toString(), "--spec", SHIPPED_SPEC.toString(), "--rows", "400",
                "--model-version", "1.0.1");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.readString(models.resolve("churn").resolve("1.0.1").resolve("model.yaml")))
                .contains("version: 1.0.1");
        assertThat(Files.readString(models.resolve("churn").resolve("1.0.0").resolve("model.yaml")))
                .isEqualTo("name: churn\n");
    }

    @Test
    void takesTheModelByNameAndReadsItsSpecFromItsFolder() {
        Run run = train("payment-risk", "--models-dir", models.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("training spec not found")
                .contains(models.resolve("payment-risk").resolve("training.yaml").toString());
    }

    @Test
    void simulatorDataOfEveryShippedModelHoldsOnlyItsSpecsLabels() {
        for (String model : SimulatorTrainingData.MODELS) {
            io.aihub.model.training.TrainingSpec spec = io.aihub.model.training.TrainingSpec.read(
                    Path.of("..", "models", model, "training.yaml").toAbsolutePath());
            var rows = SimulatorTrainingData.rows(model, 7L, 3_000);
            assertThat(rows).hasSize(3_000);
            assertThat(rows).allSatisfy(r -> assertThat(spec.labels()).contains(r.label()));
            assertThat(rows.stream().map(io.aihub.model.training.LabeledRow::label).distinct().count())
                    .as("every label of %s occurs", model).isEqualTo(spec.labels().size());
        }
    }

    @Test
    void aModelWithoutSimulatorDataNeedsData() throws Exception {
        Path spec = Files.createDirectories(models.resolve("other")).resolve("training.yaml");
        Files.writeString(spec, Files.readString(SHIPPED_SPEC).replace("name: churn", "name: other"));

        Run run = train("other", "--models-dir", models.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).contains("no simulator data for model other").contains("pass --data");
    }
}
