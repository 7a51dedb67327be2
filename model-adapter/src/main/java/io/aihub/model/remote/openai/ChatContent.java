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
import io.aihub.model.JointLabels;
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
    private final List<String> outputs;

    ChatContent(ChatSettings settings, List<String> labels, String reference) {
        this(settings, labels, List.of(), reference);
    }

    /**
     * @param outputs for a model with several outputs, the content properties holding each output's class, in
     *                joint-label order; the label is then their joint label ({@link JointLabels})
     */
    ChatContent(ChatSettings settings, List<String> labels, List<String> outputs, String reference) {
        this.outputs = List.copyOf(outputs);
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
        String label;
        if (outputs.isEmpty()) {
            JsonNode value = json.path(settings.labelProperty());
            if (!value.isTextual() || !labels.contains(value.asText())) {
                return invalid("property '" + settings.labelProperty() + "' is not one of the labels " + labels);
            }
            label = value.asText();
        } else {
            List<String> classes = new java.util.ArrayList<>();
            for (String output : outputs) {
                JsonNode value = json.path(output);
                if (!value.isTextual()) {
                    return invalid("property '" + output + "' is not text");
                }
                classes.add(value.asText());
            }
            label = JointLabels.join(classes);
            if (!labels.contains(label)) {
                return invalid("properties " + outputs + " are not a combination of the labels " + labels);
            }
        }
        double score = 1.0;
        if (settings.scoreProperty() != null) {
            JsonNode value = json.path(settings.scoreProperty());
            if (!value.isNumber() || !(value.asDouble() >= 0 && value.asDouble() <= 1)) {
                return invalid("property '" + settings.scoreProperty() + "' is not a number in [0, 1]");
            }
            score = value.asDouble();
        }
        Prediction prediction = new Prediction(label, score, Map.of(label, score));
        return ModelOutcome.of(outputs.isEmpty() ? prediction : JointLabels.split(prediction, outputs));
    }

    ModelOutcome invalid(String problem) {
        return ModelOutcome.failed(new PermanentException(ClassProbabilities.INVALID_OUTPUT, "model " + reference
                + " returned invalid output: " + problem));
    }
}
