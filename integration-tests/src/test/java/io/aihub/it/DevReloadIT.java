package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.dev.DevReloader;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --dev}: a route's mapping and then its route file are changed while the route is scoring a slow
 * source; each change reloads the route (stopped gracefully, then loaded again), and the route's subscriber queue
 * holds every record exactly once (the list of received record ids has no duplicate and its set is the set of
 * source ids). A subscriber added by the second change receives only what was published after that reload.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DevReloadIT {

    private static final int PAGES = 40;
    private static final int PER_PAGE = 50;
    private static final String ROUTE = "dev-feed";
    /** The business system reading both subscriber queues of the route (the second one added by a reload). */
    private static final TestBrokerUsers.Business AUDIT = TestBrokerUsers.Business.of("auditor",
            ROUTE + ".audit", ROUTE + ".late");

    @TempDir
    Path dir;

    @Test
    void shouldReloadChangedRouteAndMappingFilesWithoutLosingOrDuplicatingARecord() throws Exception {
        Set<String> ids = writePages(dir.resolve("pages.json"));
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Path routeFile = routes.resolve(ROUTE + ".camel.yaml");
        Path mappingFile = routes.resolve(ROUTE + ".mapping.yaml");
        Files.writeString(routeFile, route("audit"));
        Files.writeString(mappingFile, mapping(false));
        Path config = dir.resolve("aihub.properties");
        Files.writeString(config, String.join("\n",
                "aihub.routes = routes/*.camel.yaml",
                "aihub.connectors = feed",
                "aihub.connector.feed.type = fixture",
                "aihub.connector.feed.pages = " + dir.resolve("pages.json"),
                "aihub.connector.feed.pageDelay = 150ms",
                "aihub.models = churn", ""));
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aihub.dataDir", dir.resolve("data").toString());
        props.put("aihub.broker.corePort", "0");
        props.put("aihub.broker.amqpPort", "0");
        props.put("aihub.broker.stompPort", "0");
        props.put("aihub.broker.mqttPort", "0");
        props.put("camel.management.port", String.valueOf(HubHarness.freePort()));
        props.put("camel.server.port", String.valueOf(HubHarness.freePort()));
        props.put("aihub.models.dir", HubHarness.MODELS.toString());
        props.put("aihub.simulators.enabled", "false");
        props.putAll(TestBrokerUsers.properties(AUDIT));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
        HubApplication app = new HubApplication(props, Optional.of(config), out);
        app.start();
        try (DevReloader reloader = new DevReloader(app.camelContext(), app.runtime().activity(), out, 200)) {
            assertThat(reloader.folders()).containsExactly(routes.toAbsolutePath());
            reloader.start();

            await().atMost(Duration.ofSeconds(60)).until(() -> published(app) >= 5 * PER_PAGE);
            Files.writeString(mappingFile, mapping(true));
            await().atMost(Duration.ofSeconds(60)).until(() -> reloads(output) == 1);
            long beforeSecond = published(app);
            assertThat(beforeSecond).as("still scoring after the first reload").isLessThan(ids.size());
            Files.writeString(routeFile, route("audit,late"));
            await().atMost(Duration.ofSeconds(60)).until(() -> reloads(output) == 2);

            assertThat(app.awaitIdle(Duration.ofSeconds(120))).as(output.toString(StandardCharsets.UTF_8)).isTrue();
            List<String> audit = drain(app, "audit");
            List<String> late = drain(app, "late");

            assertThat(audit).as("no record published twice").doesNotHaveDuplicates();
            assertThat(new HashSet<>(audit)).as("every record published").isEqualTo(ids);
            assertThat(late).isNotEmpty().doesNotHaveDuplicates();
            assertThat(late.size()).isLessThan(ids.size() - (int) beforeSecond + PER_PAGE);
            assertThat(ids).containsAll(late);
        } finally {
            app.stop();
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("dev mode: reloaded " + ROUTE + ".camel.yaml");
    }

    private static long published(HubApplication app) {
        return app.totals().published();
    }

    private static int reloads(ByteArrayOutputStream output) {
        String text = output.toString(StandardCharsets.UTF_8);
        return text.split("dev mode: reloaded ", -1).length - 1;
    }

    /**
     * Takes every message off a subscriber queue of the route, logged in as the business system that reads it, and
     * returns their record ids in order.
     */
    private static List<String> drain(HubApplication app, String subscriber) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ActiveMQConnectionFactory business = AUDIT.factory(app.runtime().brokerUrl());
                Connection c = business.createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(
                    Addresses.subscriberFqqn(ROUTE, subscriber)));
            c.start();
            TextMessage m;
            while ((m = (TextMessage) consumer.receive(2_000)) != null) {
                PredictionEvent event = app.runtime().codec().read(m.getText());
                ids.add(event.data().source().id());
            }
        }
        return ids;
    }

    private static Set<String> writePages(Path file) throws Exception {
        Set<String> ids = new HashSet<>();
        List<List<Map<String, Object>>> pages = new ArrayList<>();
        for (int p = 0; p < PAGES; p++) {
            List<Map<String, Object>> page = new ArrayList<>();
            for (int r = 0; r < PER_PAGE; r++) {
                String id = "R-" + p + "-" + r;
                ids.add(id);
                page.add(Map.of("id", id, "version", "1", "fields", Map.of(
                        "Days_Since_Last_Login__c", (p * 7 + r) % 90, "Support_Cases_90d__c", r % 5,
                        "Tenure_Months__c", 1 + (r * 3) % 60, "NPS__c", r % 11, "Plan__c", r % 2 == 0 ? "Basic" : "Pro",
                        "Monthly_Spend__c", 100 + r * 10)));
            }
            pages.add(page);
        }
        Files.writeString(file, new ObjectMapper().writeValueAsString(pages));
        return ids;
    }

    private static String route(String subscribers) {
        return String.join("\n",
                "- templatedRoute:",
                "    routeTemplateRef: score-records",
                "    routeId: " + ROUTE,
                "    parameters:",
                "      - name: route",
                "        value: " + ROUTE,
                "      - name: source",
                "        value: feed",
                "      - name: model",
                "        value: churn",
                "      - name: subscribers",
                "        value: \"" + subscribers + "\"",
                "      - name: fields",
                "        value: \"{{mapping:" + ROUTE + "/inputs}}\"",
                "      - name: idleDelay",
                "        value: \"200\"", "");
    }

    /** The identity mapping; {@code reordered} lists the same inputs in another order (a change, same meaning). */
    private static String mapping(boolean reordered) {
        List<String> fields = new ArrayList<>(List.of("Days_Since_Last_Login__c", "Support_Cases_90d__c",
                "Tenure_Months__c", "NPS__c", "Plan__c", "Monthly_Spend__c"));
        if (reordered) {
            java.util.Collections.reverse(fields);
        }
        StringBuilder y = new StringBuilder("route: " + ROUTE + "\nmodel: churn\ninputs:\n");
        fields.forEach(f -> y.append("  ").append(f).append(": ").append(f).append('\n'));
        return y.toString();
    }
}
