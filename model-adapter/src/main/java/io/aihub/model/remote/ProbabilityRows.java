package io.aihub.model.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ClassProbabilities;
import java.util.List;

/**
 * Reads one row of a JSON {@code predictions} list as class probabilities in label order and checks it with
 * {@link ClassProbabilities}. Accepted shapes: a list of numbers in label order; a single number, read as the
 * positive label's probability of a two-label model; an object with one number per label name. A value that is
 * not a number (null, text, {@code NaN}) makes that row fail alone with
 * {@value ClassProbabilities#INVALID_OUTPUT}.
 */
public final class ProbabilityRows {

    private ProbabilityRows() {
    }

    /** The outcome of one prediction row. */
    public static ModelOutcome toOutcome(JsonNode prediction, List<String> labels, String positiveLabel,
            String reference) {
        double[] probabilities;
        if (prediction.isArray()) {
            probabilities = new double[prediction.size()];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = number(prediction.get(i));
            }
        } else if (prediction.isNumber() || prediction.isNull() || prediction.isTextual()) {
            if (labels.size() != 2) {
                return invalid(reference, "a single number per row needs a model with two labels, not "
                        + labels.size());
            }
            double positive = number(prediction);
            int index = labels.indexOf(positiveLabel);
            probabilities = new double[2];
            probabilities[index] = positive;
            probabilities[1 - index] = 1.0 - positive;
        } else if (prediction.isObject()) {
            probabilities = new double[labels.size()];
            for (int i = 0; i < probabilities.length; i++) {
                JsonNode value = prediction.get(labels.get(i));
                if (value == null) {
                    return invalid(reference, "the row has no value for label '" + labels.get(i) + "'");
                }
                probabilities[i] = number(value);
            }
        } else {
            return invalid(reference, "a row is neither a number, a list nor an object");
        }
        return ClassProbabilities.toOutcome(probabilities, labels, positiveLabel, reference);
    }

    private static double number(JsonNode value) {
        return value != null && value.isNumber() ? value.asDouble() : Double.NaN;
    }

    private static ModelOutcome invalid(String reference, String problem) {
        return ModelOutcome.failed(new PermanentException(ClassProbabilities.INVALID_OUTPUT, "model " + reference
                + " returned invalid output: " + problem));
    }
}
