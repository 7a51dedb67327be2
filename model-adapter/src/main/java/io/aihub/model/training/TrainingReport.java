package io.aihub.model.training;

import io.aihub.model.HoldoutMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a training run produced.
 *
 * @param model                the model name
 * @param version              the model version
 * @param modelFile            the written ONNX file
 * @param descriptorFile       the written {@code model.yaml}
 * @param featureCount         how many model inputs the mapping produces
 * @param rows                 labelled rows given
 * @param trainingRows         rows the model was fitted on
 * @param metrics              the holdout metrics, computed from the exported ONNX model's probabilities
 * @param exportMaxDifference  the largest absolute difference between Tribuo's and ONNX Runtime's probabilities
 *                             over the holdout rows
 * @param duration             wall-clock time of the run
 */
public record TrainingReport(String model, String version, Path modelFile, Path descriptorFile, int featureCount,
        int rows, int trainingRows, HoldoutMetrics metrics, double exportMaxDifference, Duration duration) {

    public TrainingReport {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(descriptorFile, "descriptorFile");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(duration, "duration");
    }

    /** One line for the CLI and logs. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%s %s: %d features, %d rows (%d training, %d holdout), holdout AUC %.4f, accuracy %.4f,"
                        + " log loss %.4f, ONNX max difference %.2e, %d ms",
                model, version, featureCount, rows, trainingRows, metrics.holdoutRows(), metrics.auc(),
                metrics.accuracy(), metrics.logLoss(), exportMaxDifference, duration.toMillis());
    }
}
