package io.aihub.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a model was trained, as recorded in its descriptor.
 *
 * @param rows            labelled rows given to the trainer (training and holdout together), at least 2
 * @param seed            the seed of the holdout split and of the optimiser
 * @param holdoutFraction the share of rows held out for evaluation, in (0, 1)
 * @param trainedAt       when training finished, ISO-8601 instant ({@code 2026-01-05T08:00:00Z})
 * @param features        per model input, its distribution over the training split
 * @param score           the distribution of the positive-class score the model gives the holdout rows (the
 *                        baseline of score drift); null in descriptors written before it was recorded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingSummary(int rows, long seed, double holdoutFraction, String trainedAt,
        Map<String, FeatureStatistics> features, FeatureStatistics score) {

    public TrainingSummary {
        if (rows < 2) {
            throw new IllegalArgumentException("training rows must be at least 2");
        }
        if (!(holdoutFraction > 0 && holdoutFraction < 1)) {
            throw new IllegalArgumentException("training holdoutFraction must be between 0 and 1");
        }
        Objects.requireNonNull(trainedAt, "training trainedAt");
        try {
            Instant.parse(trainedAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("training trainedAt must be an ISO-8601 instant like"
                    + " 2026-01-05T08:00:00Z", e);
        }
        features = Collections.unmodifiableMap(new LinkedHashMap<>(features == null ? Map.of() : features));
        if (features.containsValue(null)) {
            throw new IllegalArgumentException("training features must not have empty entries");
        }
    }

    /** A summary without the score distribution. */
    public TrainingSummary(int rows, long seed, double holdoutFraction, String trainedAt,
            Map<String, FeatureStatistics> features) {
        this(rows, seed, holdoutFraction, trainedAt, features, null);
    }
}
