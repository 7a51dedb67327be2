package io.aihub.model.drift;

import java.util.List;

/**
 * The population stability index (PSI) of observed bin counts against expected bin shares:
 * {@code sum((actual - expected) * ln(actual / expected))} over the bins, with both shares floored at
 * {@value #FLOOR} so an empty bin counts as very unlikely instead of infinitely so. 0 means the same
 * distribution; by common rule of thumb below 0.1 is stable, 0.1 to 0.2 a moderate shift, above 0.2 a
 * significant one.
 */
public final class PopulationStability {

    /** The smallest share a bin is given on either side. */
    public static final double FLOOR = 1e-4;

    private PopulationStability() {
    }

    /**
     * @param expected the baseline share of each bin
     * @param actual   the observed count of each bin, as many as {@code expected}
     * @return the index, not negative; 0 when nothing was observed
     */
    public static double index(List<Double> expected, long[] actual) {
        if (expected.size() != actual.length) {
            throw new IllegalArgumentException("PSI needs one count per bin: " + expected.size() + " bins, "
                    + actual.length + " counts");
        }
        long total = 0;
        for (long count : actual) {
            total += count;
        }
        if (total == 0) {
            return 0;
        }
        double psi = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = Math.max(expected.get(i), FLOOR);
            double a = Math.max((double) actual[i] / total, FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        return Math.max(psi, 0);
    }
}
