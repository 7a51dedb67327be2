package io.aihub.model.training;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Evaluation measures for classifiers, computed without any library so they can be checked by hand. */
public final class ClassificationMetrics {

    /** Probabilities are clipped to at least this before taking the log, so one certain mistake stays finite. */
    public static final double LOG_LOSS_EPSILON = 1e-15;

    private ClassificationMetrics() {
    }

    /**
     * Area under the ROC curve: the probability that a random positive row scores above a random negative row,
     * ties counting one half. Computed from ranks (Mann-Whitney U), with tied scores given their average rank,
     * in {@code O(n log n)}.
     *
     * @param scores   one score per row; higher means more likely positive
     * @param positive whether each row is truly positive
     * @throws IllegalArgumentException when the arrays differ in length or one class is absent
     */
    public static double rocAuc(double[] scores, boolean[] positive) {
        if (scores.length != positive.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && scores[order[end + 1]] == scores[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            start = end + 1;
        }
        long negatives = scores.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC needs both positive and negative rows");
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * Mean negative natural log of the probability each row gave its true label.
     *
     * @param trueLabelProbabilities per row, the probability the model gave the true label
     * @throws IllegalArgumentException when there are no rows
     */
    public static double logLoss(double[] trueLabelProbabilities) {
        if (trueLabelProbabilities.length == 0) {
            throw new IllegalArgumentException("log loss needs at least one row");
        }
        double sum = 0;
        for (double p : trueLabelProbabilities) {
            sum -= Math.log(Math.max(LOG_LOSS_EPSILON, Math.min(1.0, p)));
        }
        return sum / trueLabelProbabilities.length;
    }

    /**
     * Share of rows whose prediction was right.
     *
     * @throws IllegalArgumentException when there are no rows
     */
    public static double accuracy(boolean[] correct) {
        if (correct.length == 0) {
            throw new IllegalArgumentException("accuracy needs at least one row");
        }
        int right = 0;
        for (boolean c : correct) {
            if (c) {
                right++;
            }
        }
        return (double) right / correct.length;
    }
}
