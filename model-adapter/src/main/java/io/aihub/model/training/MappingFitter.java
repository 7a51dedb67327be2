package io.aihub.model.training;

import io.aihub.api.error.PermanentException;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.FeatureMapping;
import io.aihub.model.mapping.FieldValues;
import io.aihub.model.mapping.Transform;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Fits a training spec's features on the training rows: resolves {@code default: mean} to the mean of the
 * field's present values, and gives every {@code standardize} step the mean and standard deviation of the
 * values that reach it. Holdout rows are never looked at.
 */
final class MappingFitter {

    /** Standard deviations below this make a step useless and the weights unstable. */
    static final double MIN_STD = 1e-9;

    private MappingFitter() {
    }

    /**
     * Fits the features.
     *
     * @param features the spec's features
     * @param rows     all labelled rows
     * @param training indices of the rows to fit on
     * @throws PermanentException {@value ClassifierTrainer#BAD_DATA} listing every feature that cannot be fitted
     *                            and naming the first row whose field cannot be read
     */
    static FeatureMapping fit(List<FeatureDefinition> features, List<LabeledRow> rows, List<Integer> training) {
        List<String> problems = new ArrayList<>();
        List<FeatureDefinition> fitted = new ArrayList<>();
        for (FeatureDefinition feature : features) {
            fitted.add(fitOne(feature, rows, training, problems));
        }
        if (!problems.isEmpty()) {
            throw new PermanentException(ClassifierTrainer.BAD_DATA, "cannot fit the features: "
                    + String.join("; ", problems));
        }
        return new FeatureMapping(fitted);
    }

    private static FeatureDefinition fitOne(FeatureDefinition feature, List<LabeledRow> rows, List<Integer> training,
            List<String> problems) {
        FeatureDefinition result = feature;
        if (FeatureDefinition.DEFAULT_MEAN.equals(feature.defaultValue())) {
            Double mean = presentMean(feature, rows, training);
            if (mean == null) {
                problems.add("feature '" + feature.name() + "': field '" + feature.field()
                        + "' is empty on every training row, so it has no mean");
                return feature.withDefault(0.0);
            }
            result = feature.withDefault(mean);
        }
        List<Transform> steps = new ArrayList<>(result.transforms());
        for (int k = 0; k < steps.size(); k++) {
            if (steps.get(k) instanceof Transform.Standardize standardize && !standardize.fitted()) {
                FeatureDefinition prefix = new FeatureDefinition(result.name(), result.field(), "double",
                        result.defaultValue(), steps.subList(0, k));
                Moments moments = Moments.of(values(prefix, rows, training));
                if (!(moments.std() >= MIN_STD)) {
                    problems.add("feature '" + feature.name() + "' has the same value on every training row before"
                            + " standardize");
                    steps.set(k, new Transform.Standardize(moments.mean(), 1.0));
                } else {
                    steps.set(k, new Transform.Standardize(moments.mean(), moments.std()));
                }
            }
        }
        return result.withTransforms(steps);
    }

    private static Double presentMean(FeatureDefinition feature, List<LabeledRow> rows, List<Integer> training) {
        double sum = 0;
        int count = 0;
        for (int index : training) {
            Object raw = rows.get(index).fields().get(feature.field());
            if (raw != null) {
                sum += numberAt(index, () -> FieldValues.toNumber(raw, feature.field(), feature.name()));
                count++;
            }
        }
        return count == 0 ? null : sum / count;
    }

    private static double[] values(FeatureDefinition prefix, List<LabeledRow> rows, List<Integer> training) {
        double[] values = new double[training.size()];
        for (int i = 0; i < training.size(); i++) {
            int index = training.get(i);
            values[i] = numberAt(index, () -> ((Number) prefix.map(rows.get(index).fields())).doubleValue());
        }
        return values;
    }

    /** Runs a read of row {@code index}, adding the row number to any mapping error. */
    static double numberAt(int index, DoubleSupplier read) {
        try {
            return read.getAsDouble();
        } catch (PermanentException e) {
            throw new PermanentException(e.code(), "training row " + (index + 1) + ": " + e.getMessage(), e);
        }
    }
}
