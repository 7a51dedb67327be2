package io.aihub.simulators.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An MLflow scoring server ({@code mlflow models serve}) for the churn model: {@code GET /ping} and
 * {@code POST /invocations} taking {@code {"dataframe_split": {"columns": [...], "data": [[...]]}}} with the
 * churn model's eight inputs by column name, answering {@code {"predictions": [...]}} in one of the
 * {@link OutputFormat}s a pyfunc model may produce. Other content types get 415; bad requests get MLflow's
 * {@code {"error_code": "BAD_REQUEST", "message": "..."}}.
 */
public final class MlflowSimulator extends ModelServerSimulator {

    /** How predictions are shaped. */
    public enum OutputFormat {
        /** {@code [[p_no, p_yes], ...]}: class probabilities in label order ({@code predict_proba}). */
        PROBABILITY_LISTS,
        /** {@code [p_yes, ...]}: the positive label's probability. */
        POSITIVE_NUMBERS,
        /** {@code [{"no": p_no, "yes": p_yes}, ...]}: a DataFrame with one column per label. */
        LABEL_OBJECTS
    }

    private volatile OutputFormat format;

    private MlflowSimulator(OutputFormat format) {
        super("mlflow");
        this.format = format;
    }

    /** A started simulator answering in {@code format}. */
    public static MlflowSimulator start(OutputFormat format) {
        MlflowSimulator simulator = new MlflowSimulator(format);
        simulator.start();
        return simulator;
    }

    /** Changes how later predictions are shaped. */
    public void outputFormat(OutputFormat newFormat) {
        this.format = newFormat;
    }

    @Override
    boolean scoring(SimRequest request) {
        return request.is("POST", "/invocations");
    }

    @Override
    SimReply answer(SimRequest request, ModelFault fault) {
        if (request.is("GET", "/ping")) {
            return isReady() ? new SimReply(200, "\n", Map.of()) : SimReply.empty(503);
        }
        if (request.is("GET", "/version")) {
            return new SimReply(200, "2.19.0", Map.of());
        }
        if (scoring(request)) {
            return invoke(request, fault);
        }
        return SimReply.json(404, errorBody(404, "Not Found"));
    }

    private SimReply invoke(SimRequest request, ModelFault fault) {
        String contentType = request.headers().getOrDefault("content-type", "");
        if (!contentType.startsWith("application/json")) {
            return SimReply.json(415, errorBody(415, "This predictor only supports the following content types:"
                    + " Types: ['text/csv', 'application/json']. Got '" + contentType + "'."));
        }
        JsonNode split;
        try {
            split = JSON.readTree(request.body()).path("dataframe_split");
        } catch (JsonProcessingException e) {
            return SimReply.json(400, errorBody(400, "Failed to parse input from JSON."));
        }
        if (!split.isObject()) {
            return SimReply.json(400, errorBody(400, "The input must be a JSON dictionary with exactly one of the"
                    + " input fields {'dataframe_split', 'dataframe_records', 'instances', 'inputs'}."));
        }
        List<String> columns = new ArrayList<>();
        split.path("columns").forEach(c -> columns.add(c.asText()));
        List<String> missing = ChurnLogit.FEATURES.stream().filter(f -> !columns.contains(f)).toList();
        if (!missing.isEmpty()) {
            return SimReply.json(400, errorBody(400, "Model is missing inputs " + missing + "."));
        }
        ArrayNode predictions = JSON.createArrayNode();
        JsonNode data = split.path("data");
        for (int r = 0; r < data.size(); r++) {
            JsonNode values = data.get(r);
            double[] row = new double[ChurnLogit.FEATURES.size()];
            for (int f = 0; f < row.length; f++) {
                JsonNode value = values.path(columns.indexOf(ChurnLogit.FEATURES.get(f)));
                if (!value.isNumber()) {
                    return SimReply.json(400, errorBody(400, "Incompatible input types for column "
                            + ChurnLogit.FEATURES.get(f) + ". Can not safely convert to float64."));
                }
                row[f] = value.asDouble();
            }
            float[] p = ChurnLogit.probabilities(row);
            boolean nan = fault != null && fault.kind() == ModelFault.Kind.NAN_OUTPUT && fault.rows().contains(r);
            double no = nan ? Double.NaN : p[0];
            double yes = nan ? Double.NaN : p[1];
            switch (format) {
                case PROBABILITY_LISTS -> predictions.addArray().add(no).add(yes);
                case POSITIVE_NUMBERS -> predictions.add(yes);
                case LABEL_OBJECTS -> predictions.addObject().put("no", no).put("yes", yes);
                default -> throw new IllegalStateException("unknown format " + format);
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("predictions", predictions);
        return SimReply.json(200, json(response));
    }

    @Override
    String errorBody(int status, String message) {
        return json(Map.of("error_code", status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST", "message", message));
    }
}
