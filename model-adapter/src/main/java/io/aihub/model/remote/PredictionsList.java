package io.aihub.model.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;

/** Finds the {@code predictions} list of an MLflow or TF Serving answer and checks its length. */
public final class PredictionsList {

    private PredictionsList() {
    }

    /**
     * The list: {@code {"predictions": [...]}}, or a bare list (older MLflow servers).
     *
     * @throws PermanentException {@value RemoteEndpoint#BAD_RESPONSE} when there is none or its length is not
     *                            {@code rows}
     */
    public static JsonNode of(JsonNode response, int rows, String reference, String what) {
        JsonNode predictions = response.isArray() ? response : response.path("predictions");
        if (!predictions.isArray()) {
            throw new PermanentException(RemoteEndpoint.BAD_RESPONSE, "model " + reference + ": " + what
                    + ": the answer has no 'predictions' list");
        }
        if (predictions.size() != rows) {
            throw new PermanentException(RemoteEndpoint.BAD_RESPONSE, "model " + reference + ": " + what
                    + ": the answer has " + predictions.size() + " predictions for " + rows + " rows");
        }
        return predictions;
    }
}
