package io.aihub.model;

/**
 * The distribution of one model input over the training rows, kept in the descriptor so drift can be measured
 * against it later. Computed on the mapped value (after defaults and transforms).
 *
 * @param mean        mean of the mapped value
 * @param std         population standard deviation of the mapped value, not negative
 * @param min         smallest mapped value
 * @param max         largest mapped value
 * @param missingRate share of training rows whose source field was absent or null, in [0, 1]
 */
public record FeatureStatistics(double mean, double std, double min, double max, double missingRate) {

    public FeatureStatistics {
        if (!Double.isFinite(mean) || !Double.isFinite(std) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("feature statistics must be finite numbers");
        }
        if (std < 0) {
            throw new IllegalArgumentException("feature statistics std must not be negative");
        }
        if (min > max) {
            throw new IllegalArgumentException("feature statistics min must not be above max");
        }
        if (!(missingRate >= 0 && missingRate <= 1)) {
            throw new IllegalArgumentException("feature statistics missingRate must be in [0, 1]");
        }
    }
}
