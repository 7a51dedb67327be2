package io.aihub.simulators.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * A TensorFlow Serving / KServe v1 REST server for the churn model: {@code GET /v1/models/{name}} (model status,
 * TF Serving style) and {@code POST /v1/models/{name}:predict} taking {@code {"instances": [[...], ...]}} in the
 * churn model's input order and answering {@code {"predictions": [[p_no, p_yes], ...]}}. NaN outputs are written
 * as bare {@code NaN}, as TF Serving does. Errors use {@code {"error": "..."}}.
 */
public final class TfServingSimulator extends ModelServerSimulator {

    private final String modelName;

    private TfServingSimulator(String modelName) {
        super("tfserving");
        this.modelName = modelName;
    }

    /** A started simulator serving {@code modelName}. */
    public static TfServingSimulator start(String modelName) {
        TfServingSimulator simulator = new TfServingSimulator(modelName);
        simulator.start();
        return simulator;
    }

    @Override
    boolean scoring(SimRequest request) {
        return request.is("POST", "/v1/models/" + modelName + ":predict");
    }

    @Override
    SimReply answer(SimRequest request, ModelFault fault) {
        if (request.is("GET", "/v1/models/" + modelName)) {
            ObjectNode status = JSON.createObjectNode();
            status.putArray("model_version_status").addObject().put("version", "1")
                    .put("state", isReady() ? "AVAILABLE" : "LOADING")
                    .putObject("status").put("error_code", "OK").put("error_message", "");
            return SimReply.json(200, json(status));
        }
        if (scoring(request)) {
            return predict(request, fault);
        }
        if (request.path().startsWith("/v1/models/")) {
            return SimReply.json(404, errorBody(404, "Servable not found for request"));
        }
        return SimReply.json(404, errorBody(404, "Malformed request"));
    }

    private SimReply predict(SimRequest request, ModelFault fault) {
        JsonNode instances;
        try {
            instances = JSON.readTree(request.body()).path("instances");
        } catch (JsonProcessingException e) {
            return SimReply.json(400, errorBody(400, "JSON Parse error: The document root must not be followed"
                    + " by other values."));
        }
        if (!instances.isArray()) {
            return SimReply.json(400, errorBody(400, "Missing 'instances' or 'inputs' key"));
        }
        ArrayNode predictions = JSON.createArrayNode();
        for (int r = 0; r < instances.size(); r++) {
            JsonNode values = instances.get(r);
            if (values.size() != ChurnLogit.FEATURES.size()) {
                return SimReply.json(400, errorBody(400, "Expected tensor shape [-1,"
                        + ChurnLogit.FEATURES.size() + "]"));
            }
            double[] row = new double[values.size()];
            for (int f = 0; f < row.length; f++) {
                row[f] = values.get(f).asDouble();
            }
            float[] p = ChurnLogit.probabilities(row);
            boolean nan = fault != null && fault.kind() == ModelFault.Kind.NAN_OUTPUT && fault.rows().contains(r);
            predictions.addArray().add(nan ? Double.NaN : p[0]).add(nan ? Double.NaN : p[1]);
        }
        ObjectNode response = JSON.createObjectNode();
        response.set("predictions", predictions);
        return SimReply.json(200, json(response));
    }

    @Override
    String errorBody(int status, String message) {
        return json(Map.of("error", message));
    }
}
