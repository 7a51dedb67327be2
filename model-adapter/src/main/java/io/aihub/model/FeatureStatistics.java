package io.aihub.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The distribution of one model input over the training rows, kept in the descriptor so drift can be measured
 * against it later. Computed on the mapped value (after defaults and transforms).
 *
 * @param mean        mean of the mapped value
 * @param std         population standard deviation of the mapped value, not negative
 * @param min         smallest mapped value
 * @param max         largest mapped value
 * @param missingRate share of training rows whose source field was absent or null, in [0, 1]
 * @param bins        the distribution of the mapped value as quantile bins, the baseline of drift
 *                    (population stability index); null in descriptors written before bins were recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureStatistics(double mean, double std, double min, double max, double missingRate,
        Histogram bins) {

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

    /** Statistics without bins. */
    public FeatureStatistics(double mean, double std, double min, double max, double missingRate) {
        this(mean, std, min, max, missingRate, null);
    }
}
