package io.aihub.simulators.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A KServe Open Inference Protocol v2 (REST) server for the churn model: {@code GET v2/health/live},
 * {@code v2/health/ready}, {@code v2/models/{name}[/versions/{v}]} (metadata) and {@code .../ready}, and
 * {@code POST .../infer} taking one FP32 tensor {@code [batch, features]} and returning one FP32 tensor
 * {@code [batch, labels]} of {@link ChurnLogit} probabilities, echoing the request id.
 *
 * <p>Not ready ({@link #setReady}) shows two ways: {@code v2/health/ready} answers 200 with
 * {@code {"ready": false}} and the model's {@code ready} answers 503 with no body. Errors use the protocol's
 * {@code {"error": "..."}} body.
 */
public final class KServeV2Simulator extends ModelServerSimulator {

    private final String modelName;
    private final String version;
    private final String inputName;
    private final String inputDatatype;
    private final int features;
    private final String outputName;
    private final int labels;
    private final java.util.function.Function<double[], float[]> scorer;

    private KServeV2Simulator(Builder builder) {
        super("kserve-v2");
        this.modelName = builder.modelName;
        this.version = builder.version;
        this.inputName = builder.inputName;
        this.inputDatatype = builder.inputDatatype;
        this.features = builder.features;
        this.outputName = builder.outputName;
        this.labels = builder.labels;
        this.scorer = builder.scorer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model path prefix, e.g. {@code /v2/models/churn/versions/1}. */
    private String modelPath() {
        return "/v2/models/" + modelName + (version == null ? "" : "/versions/" + version);
    }

    @Override
    boolean scoring(SimRequest request) {
        return request.is("POST", modelPath() + "/infer");
    }

    @Override
    SimReply answer(SimRequest request, ModelFault fault) {
        if (request.is("GET", "/v2/health/live")) {
            return SimReply.json(200, "{\"live\":true}");
        }
        if (request.is("GET", "/v2/health/ready")) {
            return SimReply.json(200, "{\"ready\":" + isReady() + "}");
        }
        if (request.is("GET", modelPath())) {
            return SimReply.json(200, metadata());
        }
        if (request.is("GET", modelPath() + "/ready")) {
            return isReady() ? SimReply.json(200, "{\"name\":\"" + modelName + "\",\"ready\":true}")
                    : SimReply.empty(503);
        }
        if (scoring(request)) {
            return infer(request, fault);
        }
        if (request.path().startsWith("/v2/models/")) {
            return SimReply.json(404, errorBody(404, "Model with name " + request.path() + " does not exist."));
        }
        return SimReply.json(404, errorBody(404, "Not Found"));
    }

    private String metadata() {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", modelName);
        root.putArray("versions").add(version == null ? "1" : version);
        root.put("platform", "aihub-simulator");
        root.putArray("inputs").addObject().put("name", inputName).put("datatype", inputDatatype)
                .putArray("shape").add(-1).add(features);
        root.putArray("outputs").addObject().put("name", outputName).put("datatype", "FP32")
                .putArray("shape").add(-1).add(labels);
        return json(root);
    }

    private SimReply infer(SimRequest request, ModelFault fault) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            return SimReply.json(400, errorBody(400, "request body is not JSON"));
        }
        JsonNode input = body.path("inputs").path(0);
        if (!inputName.equals(input.path("name").asText())) {
            return SimReply.json(400, errorBody(400, "unexpected input name, expected " + inputName));
        }
        if (!"FP32".equals(input.path("datatype").asText())) {
            return SimReply.json(400, errorBody(400, "input datatype must be FP32"));
        }
        JsonNode shape = input.path("shape");
        JsonNode data = input.path("data");
        int rows = shape.path(0).asInt(-1);
        if (shape.size() != 2 || shape.path(1).asInt() != features || rows < 0 || data.size() != rows * features) {
            return SimReply.json(400, errorBody(400, "input shape must be [batch, " + features
                    + "] with batch * " + features + " values"));
        }
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            double[] row = new double[features];
            for (int f = 0; f < features; f++) {
                row[f] = data.get(r * features + f).asDouble();
            }
            float[] probabilities = scorer.apply(row);
            boolean nan = fault != null && fault.kind() == ModelFault.Kind.NAN_OUTPUT && fault.rows().contains(r);
            for (float p : probabilities) {
                out.add(nan ? Double.NaN : (double) p);
            }
        }
        ObjectNode response = JSON.createObjectNode();
        response.put("model_name", modelName);
        response.put("model_version", version == null ? "1" : version);
        String id = body.path("id").asText(null);
        if (id != null) {
            boolean wrong = fault != null && fault.kind() == ModelFault.Kind.WRONG_REQUEST_ID;
            response.put("id", wrong ? "other-" + id : id);
        }
        ObjectNode output = response.putArray("outputs").addObject();
        boolean wrongShape = fault != null && fault.kind() == ModelFault.Kind.WRONG_OUTPUT_SHAPE;
        output.put("name", outputName).put("datatype", "FP32").putArray("shape").add(rows)
                .add(wrongShape ? labels + 1 : labels);
        ArrayNode values = output.putArray("data");
        out.forEach(values::add);
        if (wrongShape) {
            for (int r = 0; r < rows; r++) {
                values.add(0.0);
            }
        }
        return SimReply.json(200, json(response));
    }

    @Override
    String errorBody(int status, String message) {
        return json(Map.of("error", message));
    }

    /** Settings of a KServe v2 simulator; the defaults describe the churn model. */
    public static final class Builder {
        private String modelName = "churn";
        private String version;
        private String inputName = "input";
        private String inputDatatype = "FP32";
        private int features = ChurnLogit.FEATURES.size();
        private String outputName = "output";
        private int labels = ChurnLogit.LABELS.size();
        private java.util.function.Function<double[], float[]> scorer = ChurnLogit::probabilities;

        private Builder() {
        }

        /**
         * What the served model computes: one row of inputs to its class probabilities. {@link ChurnLogit} by
         * default; a test can serve a real model (e.g. the shipped ONNX one) to compare backends.
         */
        public Builder scorer(java.util.function.Function<double[], float[]> value) {
            this.scorer = java.util.Objects.requireNonNull(value, "scorer");
            return this;
        }

        /** The model name served ({@code churn}). */
        public Builder modelName(String value) {
            this.modelName = value;
            return this;
        }

        /** The version served under {@code /versions/{v}}, or null for the unversioned path. */
        public Builder version(String value) {
            this.version = value;
            return this;
        }

        /** The input tensor name in metadata and expected in requests ({@code input}). */
        public Builder inputName(String value) {
            this.inputName = value;
            return this;
        }

        /** The input datatype the metadata reports ({@code FP32}); requests must still send FP32. */
        public Builder inputDatatype(String value) {
            this.inputDatatype = value;
            return this;
        }

        /** The feature count the metadata reports; inference always takes the churn model's eight. */
        public Builder features(int value) {
            this.features = value;
            return this;
        }

        /** The output tensor name ({@code output}). */
        public Builder outputName(String value) {
            this.outputName = value;
            return this;
        }

        /** The label count the metadata and the output shape report ({@code 2}). */
        public Builder labels(int value) {
            this.labels = value;
            return this;
        }

        /** A started simulator. */
        public KServeV2Simulator start() {
            KServeV2Simulator simulator = new KServeV2Simulator(this);
            simulator.start();
            return simulator;
        }
    }
}
