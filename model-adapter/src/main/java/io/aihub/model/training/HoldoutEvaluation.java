package io.aihub.model.training;

import io.aihub.model.HoldoutMetrics;
import java.util.List;

/** Computes {@link HoldoutMetrics} from class probabilities and true labels. */
final class HoldoutEvaluation {

    private HoldoutEvaluation() {
    }

    /**
     * Evaluates one set of predictions.
     *
     * @param probabilities per row, the probability of each label, in {@code labels} order
     * @param labels        the class labels
     * @param truth         per row, the true label
     * @param positiveLabel the label whose probability is the score for AUC
     */
    static HoldoutMetrics of(double[][] probabilities, List<String> labels, List<String> truth,
            String positiveLabel) {
        int rows = probabilities.length;
        int positiveIndex = labels.indexOf(positiveLabel);
        double[] scores = new double[rows];
        boolean[] positive = new boolean[rows];
        boolean[] correct = new boolean[rows];
        double[] trueLabelProbabilities = new double[rows];
        int positives = 0;
        for (int i = 0; i < rows; i++) {
            double[] row = probabilities[i];
            int best = 0;
            for (int k = 1; k < row.length; k++) {
                if (row[k] > row[best]) {
                    best = k;
                }
            }
            int trueIndex = labels.indexOf(truth.get(i));
            scores[i] = row[positiveIndex];
            positive[i] = trueIndex == positiveIndex;
            correct[i] = best == trueIndex;
            trueLabelProbabilities[i] = row[trueIndex];
            if (positive[i]) {
                positives++;
            }
        }
        return new HoldoutMetrics(ClassificationMetrics.rocAuc(scores, positive),
                ClassificationMetrics.accuracy(correct), ClassificationMetrics.logLoss(trueLabelProbabilities),
                (double) positives / rows, rows);
    }
}
