package io.aihub.routes.cli;

import io.aihub.api.error.PermanentException;
import io.aihub.model.SemanticVersion;
import io.aihub.model.training.ClassifierTrainer;
import io.aihub.model.training.CsvTrainingData;
import io.aihub.model.training.LabeledRow;
import io.aihub.model.training.TrainingReport;
import io.aihub.model.training.TrainingSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aihub train}: trains a classifier from a training spec and writes {@code model.onnx} and
 * {@code model.yaml}. Without {@code --data} it trains on the simulators' records with their hidden outcome
 * ({@link SimulatorTrainingData}: accounts for {@code churn}, sales orders for {@code payment-risk}, tickets for
 * {@code triage-local}), using the spec's seed (never the demo's seed, so the demo data stays a fair test set). A model version is never overwritten: when the version folder already holds files the command
 * stops with exit code 1 before training and names the next free patch version, which {@code --model-version}
 * (or a new {@code version} in the spec) selects.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a model (Tribuo logistic regression, exported to ONNX) and writes "
                + "<models-dir>/<name>/<version>/model.onnx and model.yaml with holdout metrics.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--models-dir", description = "Models folder. Default: $AIHUB_MODELS_DIR or ./models.")
    Path modelsDir;

    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", defaultValue = "churn",
            description = "The model to retrain; its spec is <models-dir>/<MODEL>/training.yaml. Default: ${DEFAULT-VALUE}.")
    String model = "churn";

    @Option(names = "--spec", description = "Training spec. Default: <models-dir>/<MODEL>/training.yaml.")
    Path spec;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Labelled training data (header row; the spec's labelField is the label column). "
                    + "Default: simulator accounts.")
    Path data;

    @Option(names = "--rows", defaultValue = "20000",
            description = "Without --data: how many simulator records (accounts, orders, tickets) to train on. "
                    + "Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--out", description = "Output folder. Default: <models-dir>/<name>/<version>.")
    Path out;

    @Option(names = "--model-version", paramLabel = "VERSION",
            description = "The version to write instead of the spec's. An existing version is never overwritten.")
    String modelVersion;

    @Override
    public Integer call() {
        Path models = modelsDir != null ? modelsDir
                : Path.of(System.getenv().getOrDefault("AIHUB_MODELS_DIR", "models"));
        Path specFile = spec != null ? spec : models.resolve(io.aihub.routes.broker.Addresses.checked("model", model)).resolve("training.yaml");
        if (!Files.isRegularFile(specFile)) {
            System.err.println("error: training spec not found: " + specFile);
            return 1;
        }
        TrainingSpec trainingSpec = TrainingSpec.read(specFile);
        if (modelVersion != null) {
            trainingSpec = trainingSpec.withVersion(modelVersion);
        }
        Path target = out != null ? out : models.resolve(trainingSpec.name()).resolve(trainingSpec.version());
        if (holdsFiles(target)) {
            System.err.println("error: " + target + " already exists and a model version is never overwritten; "
                    + (out != null ? "choose another --out folder"
                            : "set a new version in " + specFile + " or pass --model-version "
                                    + nextFreePatch(target.getParent(), trainingSpec.version())));
            return 1;
        }
        if (data == null && !SimulatorTrainingData.knows(trainingSpec.name())) {
            System.err.println("error: no simulator data for model " + trainingSpec.name() + " (known: "
                    + SimulatorTrainingData.MODELS + "); pass --data with a labelled CSV");
            return 1;
        }
        List<LabeledRow> labelled = data != null
                ? CsvTrainingData.read(data, trainingSpec.labelField())
                : SimulatorTrainingData.rows(trainingSpec.name(), trainingSpec.seed() == null ? 1L : trainingSpec.seed(),
                        rows);
        System.out.println("training " + trainingSpec.name() + " " + trainingSpec.version() + " on " + labelled.size()
                + " rows" + (data == null ? " of " + SimulatorTrainingData.describe(trainingSpec.name())
                        : " from " + data) + "...");
        TrainingReport report;
        try {
            report = ClassifierTrainer.train(trainingSpec, labelled, target);
        } catch (PermanentException e) {
            if (!ClassifierTrainer.VERSION_EXISTS.equals(e.code())) {
                throw e;
            }
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        System.out.println(report.summary());
        System.out.println("wrote " + report.modelFile() + " and " + report.descriptorFile());
        return 0;
    }

    private static boolean holdsFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Files.exists(folder);
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder, e);
        }
    }

    /** The lowest version above {@code version} with the same major and minor whose folder holds no files. */
    static String nextFreePatch(Path versionsFolder, String version) {
        SemanticVersion current = SemanticVersion.parse(version);
        int patch = current.patch() + 1;
        while (versionsFolder != null && holdsFiles(versionsFolder.resolve(current.major() + "." + current.minor()
                + "." + patch))) {
            patch++;
        }
        return current.major() + "." + current.minor() + "." + patch;
    }

    /** Simulator accounts labelled with their hidden churn outcome ({@code yes}/{@code no}). */
    static List<LabeledRow> simulatorAccounts(long seed, int count) {
        return SimulatorTrainingData.rows("churn", seed, count);
    }
}
