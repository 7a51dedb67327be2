package io.aihub.model.mapping;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Objects;

/**
 * One step that turns a record field into a model input. In YAML a step without parameters is a bare word
 * ({@code log1p}, {@code indicator-missing}) and a step with parameters is a one-key map
 * ({@code standardize: {mean: 2.1, std: 0.9}}).
 *
 * <p>Two kinds exist. A {@link SourceEncoder} reads the raw field value and may only be the first step; a
 * {@link NumericTransform} takes the number produced so far.
 */
@JsonSerialize(using = TransformYaml.Writer.class)
@JsonDeserialize(using = TransformYaml.Reader.class)
public sealed interface Transform permits Transform.SourceEncoder, Transform.NumericTransform {

    /** The YAML name of this step, e.g. {@code one-hot}. */
    String kind();

    /** A step that reads the raw field value (before any default is applied); always the first step. */
    sealed interface SourceEncoder extends Transform permits OneHot, IndicatorMissing {
    }

    /** A step from number to number. */
    sealed interface NumericTransform extends Transform permits Log1p, Standardize, Clip, Bucketize {

        /**
         * Applies the step. Returns a non-finite value when the input is outside the step's domain (only
         * {@code log1p} has a restricted domain); the caller reports that as a bad value.
         */
        double apply(double value);
    }

    /** {@code log1p}: {@code ln(1 + x)}; defined for {@code x > -1}. */
    record Log1p() implements NumericTransform {

        public static final String KIND = "log1p";

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            return value > -1 ? Math.log1p(value) : Double.NaN;
        }
    }

    /**
     * {@code standardize}: {@code (x - mean) / std}. A training spec may leave both parameters out; the
     * trainer then fits them on the training rows. A model descriptor must carry fitted values.
     *
     * @param mean the fitted mean, or null before fitting
     * @param std  the fitted standard deviation (positive), or null before fitting
     */
    record Standardize(Double mean, Double std) implements NumericTransform {

        public static final String KIND = "standardize";

        public Standardize {
            if ((mean == null) != (std == null)) {
                throw new IllegalArgumentException("standardize needs both mean and std, or neither (to be fitted)");
            }
            if (mean != null && !Double.isFinite(mean)) {
                throw new IllegalArgumentException("standardize mean must be a finite number");
            }
            if (std != null && !(Double.isFinite(std) && std > 0)) {
                throw new IllegalArgumentException("standardize std must be a finite number above 0");
            }
        }

        /** An unfitted step, as written in a training spec. */
        public static Standardize unfitted() {
            return new Standardize(null, null);
        }

        /** True once mean and std are known. */
        public boolean fitted() {
            return mean != null;
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            if (!fitted()) {
                throw new IllegalStateException("standardize has not been fitted");
            }
            return (value - mean) / std;
        }
    }

    /**
     * {@code clip}: limits the value to {@code [min, max]}; either bound may be left out.
     *
     * @param min the lower bound, or null for none
     * @param max the upper bound, or null for none
     */
    record Clip(Double min, Double max) implements NumericTransform {

        public static final String KIND = "clip";

        public Clip {
            if (min == null && max == null) {
                throw new IllegalArgumentException("clip needs min, max or both");
            }
            if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
                throw new IllegalArgumentException("clip bounds must be finite numbers");
            }
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("clip min must not be above max");
            }
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            double result = value;
            if (min != null) {
                result = Math.max(min, result);
            }
            if (max != null) {
                result = Math.min(max, result);
            }
            return result;
        }
    }

    /**
     * {@code bucketize}: the index of the bucket the value falls in, i.e. how many boundaries are at or below
     * it: with boundaries {@code [10, 100]}, 5 gives 0, 10 gives 1, 500 gives 2.
     *
     * @param boundaries strictly increasing, finite, at least one
     */
    record Bucketize(List<Double> boundaries) implements NumericTransform {

        public static final String KIND = "bucketize";

        public Bucketize {
            boundaries = List.copyOf(Objects.requireNonNull(boundaries, "boundaries"));
            if (boundaries.isEmpty()) {
                throw new IllegalArgumentException("bucketize needs at least one boundary");
            }
            for (int i = 0; i < boundaries.size(); i++) {
                if (!Double.isFinite(boundaries.get(i))) {
                    throw new IllegalArgumentException("bucketize boundaries must be finite numbers");
                }
                if (i > 0 && boundaries.get(i) <= boundaries.get(i - 1)) {
                    throw new IllegalArgumentException("bucketize boundaries must be strictly increasing");
                }
            }
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public double apply(double value) {
            int bucket = 0;
            while (bucket < boundaries.size() && value >= boundaries.get(bucket)) {
                bucket++;
            }
            return bucket;
        }
    }

    /**
     * {@code one-hot}: 1.0 when the field equals {@code value}, else 0.0. Numbers compare numerically
     * ({@code 3} equals {@code 3.0}), everything else as text.
     *
     * @param value the value that gives 1.0
     */
    record OneHot(String value) implements SourceEncoder {

        public static final String KIND = "one-hot";

        public OneHot {
            Objects.requireNonNull(value, "one-hot value");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }

    /** {@code indicator-missing}: 1.0 when the field is absent or null, else 0.0. Never fails. */
    record IndicatorMissing() implements SourceEncoder {

        public static final String KIND = "indicator-missing";

        @Override
        public String kind() {
            return KIND;
        }
    }
}
