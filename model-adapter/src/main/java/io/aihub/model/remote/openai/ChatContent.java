package io.aihub.model.remote.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.ModelOutcome;
import io.aihub.api.model.Prediction;
import io.aihub.model.ClassProbabilities;
import io.aihub.model.remote.RemoteJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the {@code message.content} of a chat completion into an outcome: the content must be a JSON object that
 * satisfies the configured schema (draft 2020-12), its label property must hold one of the labels and its score
 * property, if configured, a number in [0, 1]. Otherwise the record fails with
 * {@value ClassProbabilities#INVALID_OUTPUT}, naming what is wrong by location and rule, never a value.
 */
final class ChatContent {

    private final JsonSchema schema;
    private final ChatSettings settings;
    private final List<String> labels;
    private final String reference;

    ChatContent(ChatSettings settings, List<String> labels, String reference) {
        this.settings = settings;
        this.labels = labels;
        this.reference = reference;
        try {
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(RemoteJson.MAPPER.valueToTree(settings.schema()));
            schema.initializeValidators();
        } catch (RuntimeException e) {
            throw new ConfigException("model " + reference, List.of("chat.schema is not a usable JSON schema: "
                    + e.getMessage()));
        }
    }

    ModelOutcome toOutcome(String content) {
        JsonNode json = content == null ? null : RemoteJson.tryParse(content).orElse(null);
        if (json == null || !json.isObject()) {
            return invalid("the message content is not a JSON object");
        }
        Set<ValidationMessage> violations = schema.validate(json);
        if (!violations.isEmpty()) {
            Set<String> problems = new TreeSet<>();
            violations.forEach(v -> problems.add(v.getInstanceLocation() + " breaks '" + v.getType() + "'"));
            return invalid("the message content does not satisfy the schema: " + String.join(", ", problems));
        }
        JsonNode label = json.path(settings.labelProperty());
        if (!label.isTextual() || !labels.contains(label.asText())) {
            return invalid("property '" + settings.labelProperty() + "' is not one of the labels " + labels);
        }
        double score = 1.0;
        if (settings.scoreProperty() != null) {
            JsonNode value = json.path(settings.scoreProperty());
            if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 1)) {
                return invalid("property '" + settings.scoreProperty() + "' is not a number in [0, 1]");
            }
            score = value.asDouble();
        }
        return ModelOutcome.of(new Prediction(label.asText(), score, Map.of(label.asText(), score)));
    }

    ModelOutcome invalid(String problem) {
        return ModelOutcome.failed(new PermanentException(ClassProbabilities.INVALID_OUTPUT, "model " + reference
                + " returned invalid output: " + problem));
    }
}
