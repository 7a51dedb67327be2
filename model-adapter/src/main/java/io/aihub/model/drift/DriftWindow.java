package io.aihub.model.drift;

import io.aihub.model.FeatureStatistics;
import io.aihub.model.Histogram;
import io.aihub.model.TrainingSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Counts one window of live records against a model version's training statistics: per feature the bin counts,
 * missing and out-of-range records, and the score's bin counts. Only features whose statistics carry bins are
 * measured (descriptors written before bins were recorded have none). Not thread-safe.
 */
public final class DriftWindow {

    /** The name drift reports give the model's score. */
    public static final String SCORE = "__score__";

    private final Map<String, FeatureStatistics> baseline = new LinkedHashMap<>();
    private final FeatureStatistics scoreBaseline;
    private final Map<String, long[]> counts = new LinkedHashMap<>();
    private final Map<String, long[]> missingAndOutOfRange = new LinkedHashMap<>();
    private final long[] scoreCounts;
    private int records;

    /** A window measuring against {@code training}; {@link #measurable} tells whether anything can be measured. */
    public DriftWindow(TrainingSummary training) {
        Objects.requireNonNull(training, "training");
        training.features().forEach((name, stats) -> {
            if (stats.bins() != null) {
                baseline.put(name, stats);
                counts.put(name, new long[stats.bins().size()]);
                missingAndOutOfRange.put(name, new long[2]);
            }
        });
        scoreBaseline = training.score() != null && training.score().bins() != null ? training.score() : null;
        scoreCounts = scoreBaseline == null ? new long[0] : new long[scoreBaseline.bins().size()];
    }

    /** Whether the training statistics have bins for any feature or the score. */
    public static boolean measurable(TrainingSummary training) {
        return training != null && (training.features().values().stream().anyMatch(s -> s.bins() != null)
                || (training.score() != null && training.score().bins() != null));
    }

    /**
     * Adds one record.
     *
     * @param mapped  the record's mapped model inputs by feature name
     * @param missing the features whose source field was absent or null
     * @param score   the positive-class score the model gave it
     */
    public void add(Map<String, ? extends Number> mapped, Set<String> missing, double score) {
        records++;
        baseline.forEach((name, stats) -> {
            Number value = mapped.get(name);
            long[] flags = missingAndOutOfRange.get(name);
            if (missing.contains(name)) {
                flags[0]++;
            }
            if (value == null) {
                return;
            }
            double v = value.doubleValue();
            counts.get(name)[stats.bins().bin(v)]++;
            if (v < stats.min() - tolerance(stats) || v > stats.max() + tolerance(stats)) {
                flags[1]++;
            }
        });
        if (scoreBaseline != null) {
            scoreCounts[scoreBaseline.bins().bin(score)]++;
        }
    }

    /** Records added so far. */
    public int records() {
        return records;
    }

    /** The drift of every measured feature, in the model's feature order, then the score. */
    public List<FeatureDrift> measure() {
        List<FeatureDrift> drifts = new ArrayList<>();
        double n = Math.max(records, 1);
        baseline.forEach((name, stats) -> {
            long[] flags = missingAndOutOfRange.get(name);
            drifts.add(new FeatureDrift(name, PopulationStability.index(stats.bins().shares(), counts.get(name)),
                    flags[0] / n, flags[1] / n));
        });
        if (scoreBaseline != null) {
            Histogram bins = scoreBaseline.bins();
            drifts.add(new FeatureDrift(SCORE, PopulationStability.index(bins.shares(), scoreCounts), 0.0, 0.0));
        }
        return drifts;
    }

    private static double tolerance(FeatureStatistics stats) {
        return 1e-9 * Math.max(1.0, Math.abs(stats.max() - stats.min()));
    }
}
