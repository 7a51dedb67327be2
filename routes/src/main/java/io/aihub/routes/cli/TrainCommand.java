package io.aihub.routes.cli;

import io.aihub.model.training.ClassifierTrainer;
import io.aihub.model.training.CsvTrainingData;
import io.aihub.model.training.LabeledRow;
import io.aihub.model.training.TrainingReport;
import io.aihub.model.training.TrainingSpec;
import io.aihub.simulators.crm.salesforce.AccountGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./aihub train}: trains a classifier from a training spec and writes {@code model.onnx} and
 * {@code model.yaml}. Without {@code --data} it trains on accounts from the CRM simulator's generator with
 * their hidden churn outcome, using the spec's seed (never the demo CRM's seed, so the demo data stays a
 * fair test set).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a model (Tribuo logistic regression, exported to ONNX) and writes "
                + "<models-dir>/<name>/<version>/model.onnx and model.yaml with holdout metrics.")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--models-dir", description = "Models folder. Default: $AIHUB_MODELS_DIR or ./models.")
    Path modelsDir;

    @Option(names = "--spec", description = "Training spec. Default: <models-dir>/churn/training.yaml.")
    Path spec;

    @Option(names = "--data", paramLabel = "CSV",
            description = "Labelled training data (header row; the spec's labelField is the label column). "
                    + "Default: simulator accounts.")
    Path data;

    @Option(names = "--rows", defaultValue = "20000",
            description = "Without --data: how many simulator accounts to train on. Default: ${DEFAULT-VALUE}.")
    int rows;

    @Option(names = "--out", description = "Output folder. Default: <models-dir>/<name>/<version>.")
    Path out;

    @Override
    public Integer call() {
        Path models = modelsDir != null ? modelsDir
                : Path.of(System.getenv().getOrDefault("AIHUB_MODELS_DIR", "models"));
        Path specFile = spec != null ? spec : models.resolve("churn").resolve("training.yaml");
        if (!Files.isRegularFile(specFile)) {
            System.err.println("error: training spec not found: " + specFile);
            return 1;
        }
        TrainingSpec trainingSpec = TrainingSpec.read(specFile);
        List<LabeledRow> labelled = data != null
                ? CsvTrainingData.read(data, trainingSpec.labelField())
                : simulatorAccounts(trainingSpec.seed() == null ? 1L : trainingSpec.seed(), rows);
        Path target = out != null ? out : models.resolve(trainingSpec.name()).resolve(trainingSpec.version());
        System.out.println("training " + trainingSpec.name() + " " + trainingSpec.version() + " on " + labelled.size()
                + " rows" + (data == null ? " of simulator accounts" : " from " + data) + "...");
        TrainingReport report = ClassifierTrainer.train(trainingSpec, labelled, target);
        System.out.println(report.summary());
        System.out.println("wrote " + report.modelFile() + " and " + report.descriptorFile());
        return 0;
    }

    /** Simulator accounts labelled with their hidden churn outcome ({@code yes}/{@code no}). */
    static List<LabeledRow> simulatorAccounts(long seed, int count) {
        return new AccountGenerator(seed).generate(count).stream()
                .map(a -> new LabeledRow(a.fields(), a.churned() ? "yes" : "no")).toList();
    }
}
