package io.aihub.model.remote.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ModelBackendContract;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.remote.EndpointSettings;
import io.aihub.model.remote.RemoteBackends;
import io.aihub.model.remote.RemoteEndpoint;
import io.aihub.model.resilience.ResilientModelBackend;
import io.aihub.model.resilience.Retrier;
import io.aihub.model.resilience.RetryConfig;
import io.aihub.simulators.model.ModelFault;
import io.aihub.simulators.model.OpenAiChatSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model backend contract and the chat backend's content checks, usage and key handling. */
class OpenAiChatBackendTest extends ModelBackendContract {

    private static final String KEY = "sk-test-0123456789abcdef";
    private static final List<String> QUEUES = List.of("billing", "technical", "account", "general");
    private static final Map<String, Object> SCHEMA = Map.of(
            "type", "object",
            "properties", Map.of(
                    "queue", Map.of("type", "string", "enum", QUEUES),
                    "confidence", Map.of("type", "number", "minimum", 0, "maximum", 1),
                    "reason", Map.of("type", "string")),
            "required", List.of("queue", "confidence", "reason"),
            "additionalProperties", false);
    private static final List<FeatureRow> TICKETS = tickets(50);

    private static OpenAiChatSimulator server;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() {
        server = OpenAiChatSimulator.start(KEY, "queue", "confidence");
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.clearFaults();
        sleeps.clear();
    }

    private static List<FeatureRow> tickets(int count) {
        String[] topics = {"my invoice is wrong", "the app shows an error on start", "I forgot my password",
            "please add dark mode", "refund for last month", "export crashes", "cannot login since Monday"};
        List<FeatureRow> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new FeatureRow(Map.of("subject", "Ticket " + i, "body", topics[i % topics.length]
                    + " (customer " + i * 31 + ")")));
        }
        return rows;
    }

    static ModelDescriptor descriptor(String url, String apiKeyEnv) {
        ChatSettings chat = new ChatSettings("You route support tickets to a queue.",
                "Subject: {{subject}}\nBody: {{body}}", "ticket_triage", SCHEMA, "queue", "confidence", null, null);
        return new ModelDescriptor("triage", "1.0.0", "openai-chat", null, null, null, QUEUES, null,
                List.of(new FeatureDefinition("subject", "Subject", "string", ""),
                        new FeatureDefinition("body", "Description", "string", null)),
                null, null, new EndpointSettings(url, "sim-triage", null, Duration.ofSeconds(5), null, apiKeyEnv, 4),
                chat, null);
    }

    private OpenAiChatBackend open(String apiKeyEnv, Map<String, String> environment) {
        ModelDescriptor descriptor = descriptor(server.baseUrl() + "/v1", apiKeyEnv);
        RemoteEndpoint endpoint = RemoteEndpoint.of(descriptor.reference(), descriptor.endpoint(),
                Duration.ofSeconds(5), environment::get);
        return OpenAiChatBackend.open(descriptor, endpoint, new Retrier("model-triage", RetryConfig.defaults(),
                sleeps::add, () -> 0.5));
    }

    @Override
    protected ModelBackend newBackend() {
        return open("TRIAGE_KEY", Map.of("TRIAGE_KEY", KEY));
    }

    @Override
    protected List<FeatureRow> sampleRows() {
        return TICKETS;
    }

    @Override
    protected boolean reportsClassProbabilities() {
        return false;
    }

    @Test
    void labelAndScoreComeFromTheConfiguredProperties() {
        try (OpenAiChatBackend backend = newOpen()) {
            ModelOutcome outcome = backend.predict(TICKETS.subList(0, 1)).get(0);

            String user = "Subject: Ticket 0\nBody: my invoice is wrong (customer 0)";
            assertThat(outcome.prediction().label()).isEqualTo("billing");
            assertThat(outcome.prediction().score()).isEqualTo(OpenAiChatSimulator.confidenceFor(user));
        }
        var request = server.lastScoringBody();
        assertThat(request.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(request.path("response_format").path("json_schema").path("schema").path("required"))
                .hasSize(3);
        assertThat(request.path("messages").get(1).path("content").asText()).startsWith("Subject: Ticket 0");
    }

    private OpenAiChatBackend newOpen() {
        return (OpenAiChatBackend) newBackend();
    }

    @Test
    void contentThatIsNotJsonFailsThatRecordAlone() {
        server.inject(ModelFault.invalidJsonContent(), 1);
        try (OpenAiChatBackend backend = open("TRIAGE_KEY", Map.of("TRIAGE_KEY", KEY))) {
            List<ModelOutcome> outcomes = backend.predict(TICKETS.subList(0, 1));

            assertThat(outcomes.get(0).error().code()).isEqualTo("MODEL_INVALID_OUTPUT");
            assertThat(outcomes.get(0).error().getMessage()).contains("content is not a JSON object");
            assertThat(backend.predict(TICKETS.subList(0, 1)).get(0).isSuccess()).isTrue();
        }
    }

    @Test
    void contentThatBreaksTheSchemaFailsWithTheRulesAndNoValues() {
        server.inject(ModelFault.schemaViolatingContent(), 1);
        try (OpenAiChatBackend backend = newOpen()) {
            ModelOutcome outcome = backend.predict(TICKETS.subList(0, 1)).get(0);

            assertThat(outcome.error().code()).isEqualTo("MODEL_INVALID_OUTPUT");
            assertThat(outcome.error().getMessage()).contains("does not satisfy the schema")
                    .contains("$.queue breaks 'enum'").contains("$.confidence breaks 'type'")
                    .doesNotContain("spam").doesNotContain("very high");
        }
    }

    @Test
    void tokenUsageIsKeptPerRecordAndSummed() {
        try (OpenAiChatBackend backend = newOpen()) {
            List<ChatResult> results = backend.predictWithUsage(TICKETS.subList(0, 3));

            assertThat(results).allSatisfy(r -> {
                assertThat(r.usage().promptTokens()).isGreaterThan(8);
                assertThat(r.usage().completionTokens()).isPositive();
            });
            long sum = results.stream().mapToLong(r -> r.usage().totalTokens()).sum();
            assertThat(backend.totalUsage().totalTokens()).isEqualTo(sum);
        }
    }

    @Test
    void predictionsCarryTheirOwnRecordsUsage() {
        try (OpenAiChatBackend backend = newOpen()) {
            List<ModelOutcome> outcomes = backend.predict(TICKETS.subList(0, 3));

            assertThat(outcomes).allSatisfy(o -> assertThat(o.prediction().usage()).isNotNull());
            long sum = outcomes.stream().mapToLong(o -> o.prediction().usage().totalTokens()).sum();
            assertThat(backend.totalUsage().totalTokens()).isEqualTo(sum);
        }
    }

    @Test
    void usagePerRecordPassesThroughTheResilientWrapper() {
        // The simulator counts the words of both messages plus 8 as prompt tokens: the system prompt has 7 words
        // and "Subject: S\nBody: <body>" has 3 plus the body's, so each record's count tells its own request.
        List<FeatureRow> rows = List.of(ticketWithWords(1), ticketWithWords(5), ticketWithWords(20));
        ModelDescriptor descriptor = descriptor(server.baseUrl() + "/v1", "TRIAGE_KEY");
        try (ResilientModelBackend backend = RemoteBackends.open(descriptor, Map.of("TRIAGE_KEY", KEY)::get,
                sleeps::add, System::nanoTime)) {
            List<ModelOutcome> outcomes = backend.predict(rows);

            assertThat(outcomes).extracting(o -> o.prediction().usage().promptTokens())
                    .containsExactly(19L, 23L, 38L);
            assertThat(outcomes).allSatisfy(o -> assertThat(o.prediction().usage().completionTokens()).isPositive());
        }
    }

    private static FeatureRow ticketWithWords(int words) {
        return new FeatureRow(Map.of("subject", "S", "body", String.join(" ", Collections.nCopies(words,
                "refund"))));
    }

    @Test
    void throttledRecordIsRetriedAloneHonouringRetryAfter() {
        server.inject(ModelFault.throttle(2), 1);
        try (OpenAiChatBackend backend = newOpen()) {
            int before = server.scoringRequests();
            List<ModelOutcome> outcomes = backend.predict(TICKETS.subList(0, 1));

            assertThat(outcomes.get(0).isSuccess()).isTrue();
            assertThat(server.scoringRequests() - before).isEqualTo(2);
            assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        }
    }

    @Test
    void apiKeyIsSentAsBearerTokenAndNeverShownInMessages() {
        try (OpenAiChatBackend backend = newOpen()) {
            backend.predict(TICKETS.subList(0, 1));
            assertThat(server.lastScoringHeader("Authorization")).contains("Bearer " + KEY);
            assertThat(backend.toString()).doesNotContain(KEY);
        }
        try (OpenAiChatBackend wrongKey = open("TRIAGE_KEY", Map.of("TRIAGE_KEY", "sk-wrong-key"))) {
            assertThatThrownBy(() -> wrongKey.predict(TICKETS.subList(0, 1)))
                    .satisfies(e -> assertThat(e.getMessage()).contains("answered 401")
                            .doesNotContain("sk-wrong-key"));
        }
    }

    @Test
    void missingKeyVariableFailsAtOpenNamingTheVariable() {
        assertThatThrownBy(() -> open("TRIAGE_KEY", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("endpoint.apiKeyEnv names TRIAGE_KEY, which is not set");
    }
}
