package io.aihub.model.drift;

import java.util.Objects;

/**
 * How one feature (or the score) of a window compares with the training distribution.
 *
 * @param feature        the model input name, or {@link DriftWindow#SCORE}
 * @param psi            population stability index against the training bins
 * @param missingRate    share of the window's records whose source field was absent or null
 * @param outOfRangeRate share of the window's records whose mapped value lies outside the training min..max
 */
public record FeatureDrift(String feature, double psi, double missingRate, double outOfRangeRate) {

    public FeatureDrift {
        Objects.requireNonNull(feature, "feature");
    }
}
