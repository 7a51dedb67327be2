package io.aihub.model;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.ModelOutcome;
import io.aihub.api.model.Prediction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one row of class probabilities into a {@link ModelOutcome}, checking it first. A row is valid when it
 * has one value per label, every value is finite and within [0, 1], and the values sum to 1 within
 * {@value #SUM_TOLERANCE}. An invalid row fails alone with {@value #INVALID_OUTPUT}; the rest of the batch is
 * unaffected.
 */
public final class ClassProbabilities {

    /** Error code: the model returned something that is not a probability distribution. */
    public static final String INVALID_OUTPUT = "MODEL_INVALID_OUTPUT";
    /** How far the probabilities of a row may sum away from 1 (float rounding of a softmax stays far below). */
    public static final double SUM_TOLERANCE = 1e-3;

    private ClassProbabilities() {
    }

    /**
     * Checks one row and builds the prediction: {@code label} is the most probable label (the first one on a
     * tie), {@code score} the probability of {@code positiveLabel}, {@code scores} every label's probability.
     *
     * @param probabilities  the row, in label order
     * @param labels         class labels in output order
     * @param positiveLabel  the label whose probability is the score
     * @param modelReference names the model in error messages, e.g. {@code churn 1.0.0}
     * @return a prediction, or a failed outcome with {@value #INVALID_OUTPUT} saying what is wrong (no values)
     */
    public static ModelOutcome toOutcome(double[] probabilities, List<String> labels, String positiveLabel,
            String modelReference) {
        String problem = problem(probabilities, labels);
        if (problem != null) {
            return ModelOutcome.failed(new PermanentException(INVALID_OUTPUT, "model " + modelReference
                    + " returned invalid probabilities: " + problem));
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        int best = 0;
        for (int i = 0; i < probabilities.length; i++) {
            scores.put(labels.get(i), probabilities[i]);
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return ModelOutcome.of(new Prediction(labels.get(best), scores.get(positiveLabel), scores));
    }

    private static String problem(double[] probabilities, List<String> labels) {
        if (probabilities.length != labels.size()) {
            return probabilities.length + " values for " + labels.size() + " labels";
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!Double.isFinite(p)) {
                return "the value for label '" + labels.get(i) + "' is not a finite number";
            }
            if (p < 0 || p > 1) {
                return "the value for label '" + labels.get(i) + "' is outside [0, 1]";
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            return "the values do not sum to 1";
        }
        return null;
    }
}
