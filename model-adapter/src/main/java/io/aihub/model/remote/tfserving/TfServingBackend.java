package io.aihub.model.remote.tfserving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.BatchRows;
import io.aihub.model.remote.PredictionsList;
import io.aihub.model.remote.ProbabilityRows;
import io.aihub.model.remote.RemoteEndpoint;
import io.aihub.model.remote.RemoteJson;
import io.aihub.model.remote.RemoteModelBackend;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model behind TensorFlow Serving's REST API or the KServe v1 protocol. One
 * {@code POST /v1/models/{name}[/versions/{v}]:predict} per batch with {@code {"instances": [[...], ...]}} (row
 * format, features in mapping order); the answer's {@code {"predictions": [...]}} rows are read like MLflow's
 * (see {@link ProbabilityRows}). Bare {@code NaN} and {@code Infinity}, which TF Serving writes, are parsed, and
 * the rows holding them fail alone with {@code MODEL_INVALID_OUTPUT}; the rest of the batch is kept.
 *
 * <p>{@link #ready} asks {@code GET /v1/models/{name}[/versions/{v}]}: 2xx, and if the body says so, a version in
 * state {@code AVAILABLE} (TF Serving) or {@code "ready": true} (KServe v1).
 */
public final class TfServingBackend extends RemoteModelBackend {

    private static final Logger LOG = LoggerFactory.getLogger(TfServingBackend.class);

    private final String modelPath;

    private TfServingBackend(ModelDescriptor descriptor, RemoteEndpoint endpoint, String modelPath) {
        super(descriptor.metadata(), endpoint);
        this.modelPath = modelPath;
    }

    /** A backend for the server; no request is made until the first call. */
    public static TfServingBackend open(ModelDescriptor descriptor, RemoteEndpoint endpoint) {
        String version = descriptor.endpoint().version();
        String modelPath = "v1/models/" + URLEncoder.encode(descriptor.endpoint().modelName(), StandardCharsets.UTF_8)
                + (version == null ? "" : "/versions/" + URLEncoder.encode(version, StandardCharsets.UTF_8));
        LOG.info("AIHUB-MODEL-0221 TF Serving model {} at {}", descriptor.reference(), endpoint.uri(modelPath));
        return new TfServingBackend(descriptor, endpoint, modelPath);
    }

    @Override
    protected boolean serverReady() {
        try {
            JsonNode status = endpoint().json("GET", modelPath, null);
            JsonNode versions = status.path("model_version_status");
            if (versions.isArray()) {
                for (JsonNode version : versions) {
                    if ("AVAILABLE".equals(version.path("state").asText())) {
                        return true;
                    }
                }
                return false;
            }
            return !status.path("ready").isBoolean() || status.path("ready").asBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    protected List<ModelOutcome> score(List<FeatureRow> batch) {
        BatchRows rows = BatchRows.prepare(batch, metadata().features(), reference());
        if (rows.nothingToSend()) {
            return rows.complete(i -> null);
        }
        ObjectNode request = RemoteJson.MAPPER.createObjectNode();
        ArrayNode instances = request.putArray("instances");
        for (List<Object> row : rows.values()) {
            ArrayNode values = instances.addArray();
            row.forEach(v -> values.add(((Double) v).floatValue()));
        }
        String path = modelPath + ":predict";
        JsonNode response = endpoint().json("POST", path, RemoteJson.write(request));
        JsonNode predictions = PredictionsList.of(response, rows.values().size(), reference(), "POST /" + path);
        return rows.complete(k -> ProbabilityRows.toOutcome(predictions.get(k), metadata().labels(),
                metadata().positiveLabel(), reference()));
    }
}
