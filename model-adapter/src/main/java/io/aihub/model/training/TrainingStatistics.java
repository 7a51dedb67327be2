package io.aihub.model.training;

import io.aihub.model.FeatureStatistics;
import io.aihub.model.Histogram;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.FeatureMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics a descriptor records for drift detection: per feature on the training split, and the score on
 * the holdout.
 */
final class TrainingStatistics {

    private TrainingStatistics() {
    }

    /**
     * Computes each feature's distribution.
     *
     * @param mapping  the fitted mapping
     * @param rows     all labelled rows
     * @param training indices of the training rows
     * @param mapped   the mapped training rows, {@code [training row][feature]}
     */
    static Map<String, FeatureStatistics> of(FeatureMapping mapping, List<LabeledRow> rows, List<Integer> training,
            double[][] mapped) {
        Map<String, FeatureStatistics> statistics = new LinkedHashMap<>();
        List<FeatureDefinition> definitions = mapping.definitions();
        for (int j = 0; j < definitions.size(); j++) {
            FeatureDefinition definition = definitions.get(j);
            double[] column = new double[mapped.length];
            int missing = 0;
            for (int i = 0; i < mapped.length; i++) {
                column[i] = mapped[i][j];
                if (rows.get(training.get(i)).fields().get(definition.field()) == null) {
                    missing++;
                }
            }
            Moments moments = Moments.of(column);
            statistics.put(definition.name(), new FeatureStatistics(moments.mean(), moments.std(), moments.min(),
                    moments.max(), (double) missing / mapped.length, Histogram.of(column, Histogram.DEFAULT_BINS)));
        }
        return statistics;
    }

    /**
     * The distribution of the positive-class score over the holdout rows, as the exported model gives it.
     *
     * @param probabilities per holdout row, the probabilities in label order
     * @param positiveIndex the positive label's index
     */
    static FeatureStatistics score(double[][] probabilities, int positiveIndex) {
        double[] scores = new double[probabilities.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = probabilities[i][positiveIndex];
        }
        Moments moments = Moments.of(scores);
        return new FeatureStatistics(moments.mean(), moments.std(), moments.min(), moments.max(), 0.0,
                Histogram.of(scores, Histogram.DEFAULT_BINS));
    }
}
