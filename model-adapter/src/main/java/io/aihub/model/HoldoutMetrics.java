package io.aihub.model;

/**
 * How the model did on the rows held out from training.
 *
 * @param auc          area under the ROC curve of the positive label's probability, in [0, 1]
 * @param accuracy     share of rows whose most probable label was the true one, in [0, 1]
 * @param logLoss      mean negative natural log of the probability given to the true label, not negative
 * @param positiveRate share of holdout rows whose true label is the positive label, in [0, 1]
 * @param holdoutRows  how many rows were held out, at least 1
 */
public record HoldoutMetrics(double auc, double accuracy, double logLoss, double positiveRate, int holdoutRows) {

    public HoldoutMetrics {
        requireShare("auc", auc);
        requireShare("accuracy", accuracy);
        requireShare("positiveRate", positiveRate);
        if (!(Double.isFinite(logLoss) && logLoss >= 0)) {
            throw new IllegalArgumentException("metrics logLoss must be a finite number, not negative");
        }
        if (holdoutRows < 1) {
            throw new IllegalArgumentException("metrics holdoutRows must be at least 1");
        }
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("metrics " + name + " must be in [0, 1]");
        }
    }
}
