package io.aihub.routes.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The shipped log4j2.xml with {@code aihub.log.format=json}: JSON lines carry the message id, the route, the
 * record id's hash (never the id) and the event id.
 */
class LogFormatTest {

    private static final Logger LOG = LoggerFactory.getLogger("io.aihub.test.LogFormatTest");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    private LoggerContext context;
    private URI testConfiguration;
    private String previousDir;

    @BeforeEach
    void useTheShippedConfiguration() throws Exception {
        context = (LoggerContext) LogManager.getContext(false);
        testConfiguration = context.getConfigLocation();
        previousDir = System.getProperty("aihub.logDir");
        System.setProperty("aihub.logDir", logs.toString());
        context.setConfigLocation(getClass().getResource("/log4j2.xml").toURI());
    }

    @AfterEach
    void backToTheTestConfiguration() {
        MDC.clear();
        System.clearProperty(LogFormat.PROPERTY);
        if (previousDir == null) {
            System.clearProperty("aihub.logDir");
        } else {
            System.setProperty("aihub.logDir", previousDir);
        }
        context.setConfigLocation(testConfiguration);
    }

    @Test
    void jsonLinesCarryTheMessageIdRouteRecordHashAndEventId() throws Exception {
        LogFormat.apply("json");
        assertThat(LogFormat.current()).isEqualTo("json");

        LogContext.route("crm-account-churn");
        try (var scope = LogContext.record("001Rk00000AbCdE", "evt-123")) {
            LOG.info("AIHUB-ROUTE-0001 route {}: {} record(s) dead-lettered on {}", "crm-account-churn", 1, "q");
        }
        LOG.info("a line without an id");

        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(logs.resolve("aihub.log"), StandardCharsets.UTF_8)) {
            lines.add(JSON.readTree(line));
        }
        JsonNode first = lines.stream().filter(l -> l.path("message").asText().startsWith("AIHUB-ROUTE-0001"))
                .findFirst().orElseThrow();
        assertThat(first.path("messageId").asText()).isEqualTo("AIHUB-ROUTE-0001");
        assertThat(first.path("level").asText()).isEqualTo("INFO");
        assertThat(first.path("timestamp").asText()).endsWith("Z");
        assertThat(first.path("route").asText()).isEqualTo("crm-account-churn");
        assertThat(first.path("recordIdHash").asText()).isEqualTo(LogContext.hash("001Rk00000AbCdE"))
                .hasSize(16).isNotEqualTo("001Rk00000AbCdE");
        assertThat(first.path("eventId").asText()).isEqualTo("evt-123");
        assertThat(first.toString()).doesNotContain("001Rk00000AbCdE");

        JsonNode second = lines.stream().filter(l -> l.path("message").asText().equals("a line without an id"))
                .findFirst().orElseThrow();
        assertThat(second.path("messageId").asText("")).isEmpty();
        assertThat(second.path("route").asText()).as("the route stays for the thread").isEqualTo("crm-account-churn");
        assertThat(second.has("recordIdHash")).as("the record scope ended").isFalse();
        assertThat(second.has("eventId")).isFalse();
    }

    @Test
    void textIsTheDefault() throws Exception {
        LOG.info("AIHUB-ROUTE-0001 route {}: {} record(s) dead-lettered on {}", "r", 1, "q");
        String text = Files.readString(logs.resolve("aihub.log"), StandardCharsets.UTF_8);
        assertThat(text).contains(" INFO  [").contains("AIHUB-ROUTE-0001 route r: 1 record(s)").doesNotContain("{\"");
    }

    @Test
    void onlyTextAndJsonAreFormats() {
        assertThat(LogFormat.check(" JSON ")).isEqualTo("json");
        assertThatThrownBy(() -> LogFormat.check("xml")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("text or json");
    }
}
