package io.aihub.routes.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code drift_reports}: how one feature (or {@code __score__}) of one window of a route's records
 * compares with the model version's training distribution.
 *
 * @param routeId        the scoring route
 * @param modelName      the model
 * @param modelVersion   the model version that scored the window
 * @param windowStart    when the window's first record was scored
 * @param windowEnd      when the window's last record was scored
 * @param records        records in the window
 * @param feature        the model input name, or {@link #SCORE} for the positive-class score
 * @param psi            population stability index against the training bins, not negative
 * @param missingRate    share of the window's records whose source field was absent or null
 * @param outOfRangeRate share of the window's records whose mapped value lies outside the training min..max
 * @param psiThreshold   the threshold the route used
 * @param drifted        whether {@code psi} is above {@code psiThreshold}
 */
public record DriftReportRow(String routeId, String modelName, String modelVersion, Instant windowStart,
        Instant windowEnd, int records, String feature, double psi, double missingRate, double outOfRangeRate,
        double psiThreshold, boolean drifted) {

    /** The feature name drift reports use for the model's score. */
    public static final String SCORE = "__score__";

    public DriftReportRow {
        Objects.requireNonNull(routeId, "routeId");
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(feature, "feature");
    }
}
