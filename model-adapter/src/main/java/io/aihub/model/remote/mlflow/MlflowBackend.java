package io.aihub.model.remote.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.BatchRows;
import io.aihub.model.remote.PredictionsList;
import io.aihub.model.remote.ProbabilityRows;
import io.aihub.model.remote.RemoteEndpoint;
import io.aihub.model.remote.RemoteJson;
import io.aihub.model.remote.RemoteModelBackend;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model behind an MLflow scoring server. One {@code POST /invocations} per batch with
 * {@code {"dataframe_split": {"columns": [feature names], "data": [[...], ...]}}}: numeric features as numbers,
 * {@code string} features as text. The answer {@code {"predictions": [...]}} may hold, per row, a list of class
 * probabilities in label order, one number (the positive label's probability, two-label models), or an object
 * with one number per label name (a DataFrame with one column per label); see {@link ProbabilityRows}.
 *
 * <p>MLflow offers no input metadata, so the feature mapping is checked against the descriptor only. 415 and
 * MLflow's {@code {"error_code": "...", "message": "..."}} bodies become permanent errors carrying that text.
 * {@link #ready} asks {@code GET /ping}.
 */
public final class MlflowBackend extends RemoteModelBackend {

    private static final Logger LOG = LoggerFactory.getLogger(MlflowBackend.class);
    private static final String INVOCATIONS = "invocations";

    private MlflowBackend(ModelDescriptor descriptor, RemoteEndpoint endpoint) {
        super(descriptor.metadata(), endpoint);
    }

    /** A backend for the server; no request is made until the first call. */
    public static MlflowBackend open(ModelDescriptor descriptor, RemoteEndpoint endpoint) {
        LOG.info("AIHUB-MODEL-0211 MLflow model {} at {}", descriptor.reference(), endpoint.uri(INVOCATIONS));
        return new MlflowBackend(descriptor, endpoint);
    }

    @Override
    protected boolean serverReady() {
        return endpoint().healthy("ping", null);
    }

    @Override
    protected List<ModelOutcome> score(List<FeatureRow> batch) {
        BatchRows rows = BatchRows.prepare(batch, metadata().features(), reference());
        if (rows.nothingToSend()) {
            return rows.complete(i -> null);
        }
        ObjectNode request = RemoteJson.MAPPER.createObjectNode();
        ObjectNode split = request.putObject("dataframe_split");
        ArrayNode columns = split.putArray("columns");
        metadata().features().stream().map(FeatureSpec::name).forEach(columns::add);
        ArrayNode data = split.putArray("data");
        for (List<Object> row : rows.values()) {
            ArrayNode values = data.addArray();
            for (Object value : row) {
                if (value instanceof Double d) {
                    values.add(d);
                } else {
                    values.add((String) value);
                }
            }
        }
        JsonNode response = endpoint().json("POST", INVOCATIONS, RemoteJson.write(request));
        JsonNode predictions = PredictionsList.of(response, rows.values().size(), reference(), "POST /"
                + INVOCATIONS);
        return rows.complete(k -> ProbabilityRows.toOutcome(predictions.get(k), metadata().labels(),
                metadata().positiveLabel(), reference()));
    }
}
