package io.aihub.api.model;

import io.aihub.api.error.AihubException;

/**
 * The result for one row of a batch: a prediction, or the error that row alone caused (such as invalid
 * output). Exactly one of the two is set.
 */
public record ModelOutcome(Prediction prediction, AihubException error) {

    public ModelOutcome {
        if ((prediction == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of prediction and error must be set");
        }
    }

    public static ModelOutcome of(Prediction prediction) {
        return new ModelOutcome(prediction, null);
    }

    public static ModelOutcome failed(AihubException error) {
        return new ModelOutcome(null, error);
    }

    public boolean isSuccess() {
        return prediction != null;
    }
}
