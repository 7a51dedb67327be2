package io.aihub.model.remote.kserve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ClassProbabilities;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.BatchRows;
import io.aihub.model.remote.RemoteEndpoint;
import io.aihub.model.remote.RemoteJson;
import io.aihub.model.remote.RemoteModelBackend;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model served over the KServe Open Inference Protocol v2 (REST), e.g. by KServe, Triton, Seldon MLServer.
 *
 * <p>{@link #open} reads the model metadata ({@code GET v2/models/{name}[/versions/{v}]}) and checks it against
 * the descriptor: one FP32 input of shape {@code [-1, features]} and one FP32 output of shape
 * {@code [-1, labels]}, naming the tensors the descriptor names (or the only ones). Every mismatch is reported in
 * one {@value #SCHEMA_MISMATCH} error.
 *
 * <p>{@link #predict} sends one request per batch: one FP32 tensor {@code [rows, features]}, row-major, with a
 * fresh request {@code id}; the answer must echo that id ({@value RemoteEndpoint#BAD_RESPONSE} otherwise) and
 * carry the output tensor {@code [rows, labels]}. Rows whose probabilities are invalid (NaN, outside [0, 1], not
 * summing to 1) fail alone. {@link #ready} asks {@code v2/health/ready} and the model's {@code ready}: the HTTP
 * status decides, and a body, only if present, may still say {@code "ready": false}.
 */
public final class KServeV2Backend extends RemoteModelBackend {

    /** Error code: the served model does not take or give what the descriptor says. */
    public static final String SCHEMA_MISMATCH = "MODEL_SCHEMA_MISMATCH";

    private static final Logger LOG = LoggerFactory.getLogger(KServeV2Backend.class);

    private final String modelPath;
    private final String inputName;
    private final String outputName;

    private KServeV2Backend(ModelDescriptor descriptor, RemoteEndpoint endpoint, String modelPath, String inputName,
            String outputName) {
        super(descriptor.metadata(), endpoint);
        this.modelPath = modelPath;
        this.inputName = inputName;
        this.outputName = outputName;
    }

    /**
     * Reads the served model's metadata and checks it against the descriptor.
     *
     * @throws PermanentException {@value #SCHEMA_MISMATCH} listing every mismatch; the endpoint's errors when the
     *                            metadata cannot be read
     */
    public static KServeV2Backend open(ModelDescriptor descriptor, RemoteEndpoint endpoint) {
        String name = URLEncoder.encode(descriptor.endpoint().modelName(), StandardCharsets.UTF_8);
        String version = descriptor.endpoint().version();
        String modelPath = "v2/models/" + name + (version == null ? ""
                : "/versions/" + URLEncoder.encode(version, StandardCharsets.UTF_8));
        JsonNode metadata = endpoint.json("GET", modelPath, null);
        List<String> problems = new ArrayList<>();
        JsonNode input = tensor(metadata.path("inputs"), descriptor.input(), "input", problems);
        JsonNode output = tensor(metadata.path("outputs"), descriptor.output(), "output", problems);
        if (input != null) {
            problems.addAll(matrixProblems("input", input, descriptor.features().size(), "features"));
        }
        if (output != null) {
            problems.addAll(matrixProblems("output", output, descriptor.labels().size(), "labels"));
        }
        if (!problems.isEmpty()) {
            throw new PermanentException(SCHEMA_MISMATCH, "model " + descriptor.reference() + ": the served model at "
                    + endpoint.uri(modelPath) + " does not match " + ModelDescriptor.FILE_NAME + ": "
                    + String.join("; ", problems));
        }
        LOG.info("AIHUB-MODEL-0201 KServe v2 model {} at {} checked ({} features, {} labels)",
                descriptor.reference(), endpoint.uri(modelPath), descriptor.features().size(),
                descriptor.labels().size());
        return new KServeV2Backend(descriptor, endpoint, modelPath, input.path("name").asText(),
                output.path("name").asText());
    }

    private static JsonNode tensor(JsonNode tensors, String wanted, String role, List<String> problems) {
        List<String> names = new ArrayList<>();
        tensors.forEach(t -> names.add(t.path("name").asText()));
        if (wanted == null) {
            if (tensors.size() != 1) {
                problems.add("the model has " + tensors.size() + " " + role + "s " + names + "; name one in '" + role
                        + "'");
                return null;
            }
            return tensors.get(0);
        }
        for (JsonNode tensor : tensors) {
            if (wanted.equals(tensor.path("name").asText())) {
                return tensor;
            }
        }
        problems.add("the model has no " + role + " '" + wanted + "' (" + role + "s: " + names + ")");
        return null;
    }

    private static List<String> matrixProblems(String role, JsonNode tensor, int columns, String what) {
        List<String> problems = new ArrayList<>();
        String name = tensor.path("name").asText();
        String datatype = tensor.path("datatype").asText();
        if (!"FP32".equals(datatype)) {
            problems.add(role + " '" + name + "' holds " + datatype + ", not FP32");
        }
        JsonNode shape = tensor.path("shape");
        if (shape.size() != 2) {
            problems.add(role + " '" + name + "' has shape " + shape + "; expected [-1, " + what + "]");
        } else if (shape.get(1).asLong() >= 0 && shape.get(1).asLong() != columns) {
            problems.add(role + " '" + name + "' has " + shape.get(1).asLong() + " " + what + " but "
                    + ModelDescriptor.FILE_NAME + " declares " + columns);
        }
        return problems;
    }

    @Override
    protected boolean serverReady() {
        return endpoint().healthy("v2/health/ready", "ready") && endpoint().healthy(modelPath + "/ready", "ready");
    }

    /** True when the server answers {@code v2/health/live}; never throws. */
    public boolean live() {
        return endpoint().healthy("v2/health/live", "live");
    }

    @Override
    protected List<ModelOutcome> score(List<FeatureRow> batch) {
        BatchRows rows = BatchRows.prepare(batch, metadata().features(), reference());
        if (rows.nothingToSend()) {
            return rows.complete(i -> null);
        }
        int columns = metadata().features().size();
        int labels = metadata().labels().size();
        String id = UUID.randomUUID().toString();
        ObjectNode request = RemoteJson.MAPPER.createObjectNode();
        request.put("id", id);
        ObjectNode input = request.putArray("inputs").addObject();
        input.put("name", inputName).put("datatype", "FP32");
        input.putArray("shape").add(rows.values().size()).add(columns);
        ArrayNode data = input.putArray("data");
        rows.values().forEach(row -> row.forEach(v -> data.add(((Double) v).floatValue())));
        request.putArray("outputs").addObject().put("name", outputName);
        JsonNode response = endpoint().json("POST", modelPath + "/infer", RemoteJson.write(request));
        if (!id.equals(response.path("id").asText(null))) {
            throw badResponse("the answer's id does not match the request id");
        }
        double[] values = outputValues(response, rows.values().size(), labels);
        return rows.complete(k -> {
            double[] row = new double[labels];
            System.arraycopy(values, k * labels, row, 0, labels);
            return ClassProbabilities.toOutcome(row, metadata().labels(), metadata().positiveLabel(), reference());
        });
    }

    private double[] outputValues(JsonNode response, int rows, int labels) {
        JsonNode output = null;
        for (JsonNode candidate : response.path("outputs")) {
            if (outputName.equals(candidate.path("name").asText())) {
                output = candidate;
            }
        }
        if (output == null) {
            throw badResponse("the answer has no output '" + outputName + "'");
        }
        JsonNode shape = output.path("shape");
        if (shape.size() != 2 || shape.get(0).asLong() != rows || shape.get(1).asLong() != labels) {
            throw badResponse("output '" + outputName + "' has shape " + shape + "; expected [" + rows + ", "
                    + labels + "]");
        }
        List<JsonNode> flat = new ArrayList<>();
        flatten(output.path("data"), flat);
        if (flat.size() != rows * labels) {
            throw badResponse("output '" + outputName + "' has " + flat.size() + " values; expected "
                    + rows * labels);
        }
        double[] values = new double[flat.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = flat.get(i).isNumber() ? flat.get(i).asDouble() : Double.NaN;
        }
        return values;
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(child -> flatten(child, into));
        } else if (!node.isMissingNode()) {
            into.add(node);
        }
    }

    private PermanentException badResponse(String problem) {
        return new PermanentException(RemoteEndpoint.BAD_RESPONSE, "model " + reference() + ": POST "
                + endpoint().uri(modelPath + "/infer").getPath() + ": " + problem);
    }
}
