package io.aihub.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.aihub.api.model.TokenUsage;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PredictionEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static PredictionData data(String recordVersion, String modelVersion) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Plan__c", "Pro");
        record.put("NPS__c", null);
        record.put("Tenure_Months__c", 12.0);
        return new PredictionData(
                new SourceBlock("crm", "salesforce", "Account", "0015g0000000001AAA", recordVersion,
                        "2026-01-05T08:00:00Z"),
                record,
                new PredictionBlock("churn", modelVersion, "onnx", "yes", 0.71, Map.of("no", 0.29, "yes", 0.71), 3,
                        "a".repeat(64), null, List.of()),
                new RouteBlock("crm-account-churn", "0.1.0"));
    }

    private static JsonSchema schema() throws Exception {
        try (InputStream in = PredictionEvent.class.getResourceAsStream(PredictionEvent.SCHEMA_RESOURCE)) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }

    @Test
    void shouldSerialiseToJsonThatValidatesAgainstTheShippedSchema() throws Exception {
        PredictionEvent event = PredictionEvent.of(data("2026-01-05T08:00:00.000+0000", "1.0.0"),
                Instant.parse("2026-11-22T10:00:00Z"));

        JsonNode json = JSON.valueToTree(event);
        Set<ValidationMessage> problems = schema().validate(json);

        assertThat(problems).isEmpty();
        assertThat(json.get("type").asText()).isEqualTo("io.aihub.prediction.v1");
        assertThat(json.get("source").asText()).isEqualTo("aihub/crm-account-churn");
        assertThat(json.get("subject").asText()).isEqualTo("0015g0000000001AAA");
        assertThat(json.at("/data/record").has("NPS__c")).isTrue();
    }

    @Test
    void schemaShouldRejectAnEventWithoutModelVersion() throws Exception {
        JsonNode json = JSON.valueToTree(PredictionEvent.of(data("v1", "1.0.0"), Instant.now()));
        ((ObjectNode) json.at("/data/prediction")).remove("modelVersion");

        assertThat(schema().validate(json)).isNotEmpty();
    }

    @Test
    void shouldRoundTripThroughJackson() throws Exception {
        PredictionEvent event = PredictionEvent.of(data("v1", "1.0.0"), Instant.parse("2026-11-22T10:00:00Z"));

        PredictionEvent back = JSON.readValue(JSON.writeValueAsString(event), PredictionEvent.class);

        assertThat(back).isEqualTo(event);
    }

    @Test
    void eventIdShouldDependOnRecordVersionAndModelVersionButNotOnTime() {
        PredictionEvent first = PredictionEvent.of(data("v1", "1.0.0"), Instant.parse("2026-01-01T00:00:00Z"));
        PredictionEvent sameLater = PredictionEvent.of(data("v1", "1.0.0"), Instant.parse("2026-06-01T00:00:00Z"));
        PredictionEvent newRecordVersion = PredictionEvent.of(data("v2", "1.0.0"), Instant.now());
        PredictionEvent newModelVersion = PredictionEvent.of(data("v1", "1.1.0"), Instant.now());

        assertThat(sameLater.id()).isEqualTo(first.id());
        assertThat(newRecordVersion.id()).isNotEqualTo(first.id());
        assertThat(newModelVersion.id()).isNotEqualTo(first.id());
    }

    @Test
    void shouldRefuseANonFiniteScore() {
        assertThatThrownBy(() -> new PredictionBlock("m", "1", "onnx", null, Double.NaN, Map.of(), 0, "a".repeat(64),
                null, List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }

    private static PredictionData dataWithUsage(TokenUsage usage) {
        PredictionData plain = data("v1", "1.0.0");
        PredictionBlock p = plain.prediction();
        return new PredictionData(plain.source(), plain.record(), new PredictionBlock(p.model(), p.modelVersion(),
                "openai-chat", p.label(), p.score(), p.scores(), p.latencyMs(), p.inputHash(), p.fallback(),
                p.shadow(), usage), plain.route());
    }

    @Test
    void tokenUsageIsPublishedValidatedAndReadBack() throws Exception {
        PredictionEvent event = PredictionEvent.of(dataWithUsage(new TokenUsage(120, 17)),
                Instant.parse("2026-11-22T10:00:00Z"));

        JsonNode json = JSON.valueToTree(event);

        assertThat(schema().validate(json)).isEmpty();
        assertThat(json.at("/data/prediction/usage").toString())
                .isEqualTo("{\"promptTokens\":120,\"completionTokens\":17}");
        assertThat(JSON.readValue(JSON.writeValueAsString(event), PredictionEvent.class)).isEqualTo(event);
    }

    @Test
    void eventsWithoutUsageLeaveItOutAndNullIsAllowed() throws Exception {
        JsonNode json = JSON.valueToTree(PredictionEvent.of(data("v1", "1.0.0"), Instant.now()));

        assertThat(json.at("/data/prediction").has("usage")).isFalse();
        ((ObjectNode) json.at("/data/prediction")).putNull("usage");
        assertThat(schema().validate(json)).isEmpty();
    }

    @Test
    void schemaShouldRejectMalformedUsage() throws Exception {
        for (String usage : List.of("{\"promptTokens\":1}",
                "{\"promptTokens\":1,\"completionTokens\":2,\"total\":3}",
                "{\"promptTokens\":1.5,\"completionTokens\":2}",
                "{\"promptTokens\":-1,\"completionTokens\":2}")) {
            JsonNode json = JSON.valueToTree(PredictionEvent.of(data("v1", "1.0.0"), Instant.now()));
            ((ObjectNode) json.at("/data/prediction")).set("usage", JSON.readTree(usage));

            assertThat(schema().validate(json)).as(usage).isNotEmpty();
        }
    }
}
