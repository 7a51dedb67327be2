package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.crm.salesforce.PoisonKind;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.aihub.simulators.model.KServeV2Simulator;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of issue 8's metrics and health: {@code /observe/metrics} read while the hub runs and after it
 * stopped equals, route by route and reason by reason, what the test itself counts on the broker's queues, in
 * the BI table and in the simulated CRM's write log; histograms count one observation per record; an
 * unconsumed subscriber queue shows its depth. {@code /observe/health} reports a model server that is down on
 * the model's and the route's checks while liveness stays UP.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ObservabilityIT {

    private static final String ROUTE = "crm-account-churn";
    private static final int ACCOUNTS = 400;
    private static final long DAILY_LIMIT = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** What the test saw outside the hub. */
    private record Observed(Set<String> published, int biRows, Set<String> writtenBack,
            Map<String, Integer> deadLettersByReason) {

        int deadLetters() {
            return deadLettersByReason.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    @Test
    void metricsEqualTheRecordCountsSeenOnTheQueuesInBiAndInTheCrm() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(ACCOUNTS).seed(81L)
                .dailyApiLimit(DAILY_LIMIT).build()) {
            crm.start();
            Iterator<String> ids = new java.util.TreeSet<>(crm.accountIds()).iterator();
            String unreadable = ids.next();
            String badType = ids.next();
            String refusedWrite = ids.next();
            crm.poison(unreadable, PoisonKind.DEEP_NESTING);
            crm.poison(badType, PoisonKind.WRONG_TYPE_TEXT);
            crm.failWrites(refusedWrite, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Score is locked");
            HubHarness harness = new HubHarness(dir.resolve("data"), crm.baseUrl());
            HubApplication app = harness.application();
            app.start();
            PrometheusText afterEdit;
            try {
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> scrape(harness).value("aihub_records_published_total", "route", ROUTE) > 0);
                assertMetricsNeverAheadOfWhatHappened(scrape(harness), observe(app, harness, crm));

                assertThat(app.awaitIdle(Duration.ofMinutes(3))).as("drained").isTrue();
                Observed first = observe(app, harness, crm);
                assertThat(first.published()).hasSize(ACCOUNTS - 2).doesNotContain(unreadable, badType);
                assertThat(first.writtenBack()).hasSize(ACCOUNTS - 3).doesNotContain(refusedWrite);
                assertThat(first.deadLetters()).isEqualTo(3);
                assertMetricsEqual(scrape(harness), first, ACCOUNTS, crm);

                Set<String> edited = Set.copyOf(crm.modifyAccounts(10, 3L));
                assertThat(edited).doesNotContain(unreadable, badType, refusedWrite);
                // The hub is idle right after the edits too, until its next poll: wait until it pulled them first.
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> scrape(harness).value("aihub_records_pulled_total", "route", ROUTE)
                                >= ACCOUNTS + 10);
                assertThat(app.awaitIdle(Duration.ofMinutes(2))).as("drained the edits").isTrue();
                Observed second = observe(app, harness, crm);
                afterEdit = scrape(harness);
                assertMetricsEqual(afterEdit, second, ACCOUNTS + 10, crm);
                assertThat(afterEdit.value("aihub_records_published_total", "route", ROUTE))
                        .isEqualTo(ACCOUNTS - 2 + 10);
            } finally {
                app.stop();
            }
            PrometheusText afterStop = new PrometheusText(app.runtime().meters().scrape());
            for (String counter : List.of("pulled", "scored", "published", "dead_lettered", "bi_rows",
                    "written_back")) {
                String name = "aihub_records_" + counter + "_total";
                assertThat(afterStop.value(name, "route", ROUTE)).as("%s after the stop", name)
                        .isEqualTo(afterEdit.value(name, "route", ROUTE));
            }
            assertThat(afterStop.value("aihub_end_to_end_latency_seconds_count", "route", ROUTE))
                    .isEqualTo(ACCOUNTS - 2 + 10);
            Set<String> documented = documentedMetrics();
            assertThat(documented).as("docs/observability.md lists every aihub series")
                    .containsAll(seriesNames(afterStop));
            Set<String> onlyWithRemoteModels = Set.of("aihub_model_circuit_state", "aihub_model_circuit_opened_total");
            assertThat(seriesNames(afterStop)).as("every documented series exists")
                    .containsAll(documented.stream().filter(n -> !onlyWithRemoteModels.contains(n)).toList());
        }
    }

    @Test
    void aModelServerThatIsDownIsReportedOnItsChecksWhileTheHubStaysLive() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(200).seed(82L).build();
                KServeV2Simulator kserve = KServeV2Simulator.builder().start()) {
            crm.start();
            HubHarness harness = new HubHarness(dir.resolve("data"), crm.baseUrl())
                    .with("aihub.models.dir", TestModels.kserveChurn(dir.resolve("models"), kserve.baseUrl(),
                            "").toString())
                    .with("aihub.route." + ROUTE + ".maxBackoff", "1000");
            HubApplication app = harness.application();
            app.start();
            try {
                assertThat(app.awaitIdle(Duration.ofMinutes(2))).isTrue();
                Map<String, JsonNode> ready = checks(harness, "/observe/health/ready");
                assertThat(ready.keySet()).contains("broker", "database", "connector-crm", "model-churn",
                        "route-" + ROUTE);
                assertThat(ready.values()).allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("UP"));
                assertThat(ready.get("connector-crm").path("data").path("apiRequestsLimit").asLong())
                        .as("connector check %s", ready.get("connector-crm")).isPositive();

                kserve.goDown();
                Set<String> edited = Set.copyOf(crm.modifyAccounts(5, 4L));
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> {
                            Map<String, JsonNode> now = checks(harness, "/observe/health/ready");
                            assertThat(now.get("model-churn").path("status").asText()).isEqualTo("DOWN");
                            assertThat(now.get("route-" + ROUTE).path("status").asText()).isEqualTo("DOWN");
                            assertThat(now.get("route-" + ROUTE).path("data").path("errorCode").asText())
                                    .startsWith("MODEL_");
                        });
                HttpResponse<String> readiness = get(harness, "/observe/health/ready");
                assertThat(readiness.statusCode()).as("readiness while the model is down").isEqualTo(503);
                Map<String, JsonNode> down = checks(harness, "/observe/health/ready");
                assertThat(down.get("broker").path("status").asText()).isEqualTo("UP");
                assertThat(down.get("database").path("status").asText()).isEqualTo("UP");
                assertThat(down.get("connector-crm").path("status").asText()).isEqualTo("UP");
                HttpResponse<String> live = get(harness, "/observe/health/live");
                assertThat(live.statusCode()).as("liveness while the model is down: %s", live.body()).isEqualTo(200);
                assertThat(JSON.readTree(live.body()).path("status").asText()).isEqualTo("UP");
                assertThat(app.totals().published()).as("nothing published while the model is down").isEqualTo(200);

                kserve.comeBack();
                Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(checks(harness, "/observe/health/ready").values())
                                .allSatisfy(c -> assertThat(c.path("status").asText()).isEqualTo("UP")));
                assertThat(app.awaitIdle(Duration.ofMinutes(1))).isTrue();
                assertThat(app.totals().published()).isEqualTo(205);
                assertThat(edited).hasSize(5);
                PrometheusText metrics = scrape(harness);
                assertThat(metrics.value("aihub_records_published_total", "route", ROUTE)).isEqualTo(205);
                assertThat(metrics.value("aihub_model_latency_seconds_count", "model", "churn", "version", "1.0.0"))
                        .isEqualTo(205);
                assertThat(metrics.value("aihub_page_failures_total", "route", ROUTE)).isPositive();
                assertThat(metrics.value("aihub_model_circuit_state", "model", "churn", "version", "1.0.0")).isZero();
                assertThat(documentedMetrics()).containsAll(seriesNames(metrics));
            } finally {
                app.stop();
            }
        }
    }

    /**
     * Mid-run: a counter moves only after what it counts happened, so counters read before the test looks at
     * the queues, BI and the CRM never exceed what it finds there.
     */
    private static void assertMetricsNeverAheadOfWhatHappened(PrometheusText metrics, Observed seen) {
        assertThat(metrics.value("aihub_records_pulled_total", "route", ROUTE)).isBetween(0.0, (double) ACCOUNTS);
        assertThat(metrics.value("aihub_records_published_total", "route", ROUTE))
                .isLessThanOrEqualTo(seen.published().size());
        assertThat(metrics.value("aihub_records_bi_rows_total", "route", ROUTE)).isLessThanOrEqualTo(seen.biRows());
        assertThat(metrics.value("aihub_records_written_back_total", "route", ROUTE))
                .isLessThanOrEqualTo(seen.writtenBack().size());
        assertThat(metrics.value("aihub_records_dead_lettered_total", "route", ROUTE))
                .isLessThanOrEqualTo(seen.deadLetters());
    }

    private void assertMetricsEqual(PrometheusText metrics, Observed seen, int pulled, SalesforceSimulator crm) {
        int published = seen.published().size();
        assertThat(metrics.value("aihub_records_pulled_total", "route", ROUTE)).isEqualTo(pulled);
        assertThat(metrics.value("aihub_records_scored_total", "route", ROUTE)).isEqualTo(published);
        assertThat(metrics.value("aihub_records_published_total", "route", ROUTE)).isEqualTo(published);
        assertThat(metrics.value("aihub_records_bi_rows_total", "route", ROUTE)).isEqualTo(seen.biRows());
        assertThat(metrics.value("aihub_records_written_back_total", "route", ROUTE))
                .isEqualTo(seen.writtenBack().size());
        assertThat(metrics.value("aihub_records_dead_lettered_total", "route", ROUTE)).isEqualTo(seen.deadLetters());
        assertThat(metrics.value("aihub_records_fallback_total", "route", ROUTE)).isZero();
        Map<String, Integer> byReason = new HashMap<>();
        for (var s : metrics.matching("aihub_dead_letters_total", "route", ROUTE)) {
            byReason.put(s.labels().get("step") + ":" + s.labels().get("reason"), (int) s.value());
        }
        assertThat(byReason).isEqualTo(seen.deadLettersByReason());

        assertThat(metrics.value("aihub_end_to_end_latency_seconds_count", "route", ROUTE)).isEqualTo(published);
        assertThat(metrics.value("aihub_model_latency_seconds_count", "model", "churn", "version", "1.0.0"))
                .isEqualTo(published);
        assertThat(metrics.value("aihub_end_to_end_latency_seconds_bucket", "route", ROUTE, "le", "+Inf"))
                .isEqualTo(published);

        assertThat(metrics.value("aihub_queue_depth", "route", ROUTE, "subscriber", "sales-ops"))
                .as("nobody consumes sales-ops: it holds every event").isEqualTo(published);
        assertThat(metrics.value("aihub_queue_consumers", "route", ROUTE, "subscriber", "sales-ops")).isZero();
        for (String subscriber : List.of("bi", "write-back")) {
            assertThat(metrics.value("aihub_queue_depth", "route", ROUTE, "subscriber", subscriber)).isZero();
            assertThat(metrics.value("aihub_queue_consumers", "route", ROUTE, "subscriber", subscriber))
                    .isEqualTo(1);
        }
        assertThat(metrics.value("aihub_queue_depth", "route", ROUTE, "subscriber", "dead-letter"))
                .isEqualTo(seen.deadLetters());

        assertThat(metrics.value("aihub_source_watermark_lag_seconds", "route", ROUTE)).as("caught up").isZero();
        assertThat(metrics.value("aihub_source_watermark_timestamp_seconds", "route", ROUTE))
                .isPositive().isLessThanOrEqualTo(System.currentTimeMillis() / 1000.0);
        assertThat(metrics.value("aihub_connector_api_requests_limit", "connector", "crm")).isEqualTo(DAILY_LIMIT);
        assertThat(metrics.value("aihub_connector_api_requests_remaining", "connector", "crm"))
                .isLessThan(DAILY_LIMIT).isGreaterThanOrEqualTo(DAILY_LIMIT - crm.apiCallCount());

        Set<String> recordIds = crm.accountIds();
        for (var sample : metrics.samples()) {
            if (sample.name().startsWith("aihub")) {
                assertThat(sample.labels().values()).as("labels of %s", sample.name())
                        .doesNotContainAnyElementsOf(recordIds);
            }
        }
    }

    /** The aihub series of a scrape, histograms by their base name. */
    private static Set<String> seriesNames(PrometheusText metrics) {
        Set<String> names = new java.util.TreeSet<>();
        for (var sample : metrics.samples()) {
            if (sample.name().startsWith("aihub_")) {
                names.add(sample.name().replaceAll("_seconds_(bucket|count|sum|max)$", "_seconds"));
            }
        }
        return names;
    }

    /** The metric names in the first column of docs/observability.md's tables. */
    private static Set<String> documentedMetrics() throws java.io.IOException {
        String page = java.nio.file.Files.readString(Path.of("..", "docs", "observability.md"));
        Set<String> names = new java.util.TreeSet<>();
        var m = java.util.regex.Pattern.compile("(?m)^\\| `(aihub_[a-z_]+)` \\|").matcher(page);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).hasSizeGreaterThan(15);
        return names;
    }

    private static Observed observe(HubApplication app, HubHarness harness, SalesforceSimulator crm)
            throws Exception {
        // The CRM's writes first: a record is on the queues before it is written back, so everything written by now
        // is found on the queue below, also mid-run (reading the queue first would miss records published after it).
        List<String> writes = crm.writeLog().stream().map(SalesforceSimulator.WriteEvent::recordId).toList();
        // The broker adds a commit's messages to each queue on that queue's own executor: wait until those of every
        // commit made so far reached the sales-ops queue (the write-back queue may have been served first).
        app.runtime().embeddedBroker().orElseThrow().pendingMessages(Addresses.subscriberQueue(ROUTE, "sales-ops"));
        Set<String> published = new HashSet<>();
        Map<String, Integer> byReason = new HashMap<>();
        try (ActiveMQConnectionFactory factory = TestBrokerUsers.salesOps("tcp://127.0.0.1:" + harness.corePort);
                Connection connection = factory.createConnection();
                ActiveMQConnectionFactory hubFactory = TestBrokerUsers.hub("tcp://127.0.0.1:" + harness.corePort);
                Connection hubConnection = hubFactory.createConnection()) {
            connection.start();
            hubConnection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Session hubSession = hubConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (Message m : browse(session, Addresses.subscriberFqqn(ROUTE, "sales-ops"))) {
                assertThat(published.add(m.getStringProperty(EnvelopeHeaders.RECORD_ID) + "@"
                        + m.getStringProperty(EnvelopeHeaders.EVENT_ID))).as("each event once").isTrue();
            }
            for (Message m : browse(hubSession, Addresses.deadLetter(ROUTE))) {
                byReason.merge(m.getStringProperty(EnvelopeHeaders.FAILED_STEP) + ":"
                        + m.getStringProperty(EnvelopeHeaders.ERROR_CODE), 1, Integer::sum);
            }
        }
        int biRows;
        try (var c = app.runtime().database().connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM predictions WHERE route_id = '" + ROUTE + "'")) {
            rs.next();
            biRows = rs.getInt(1);
        }
        Set<String> publishedIds = new HashSet<>();
        published.forEach(p -> publishedIds.add(p.substring(0, p.indexOf('@'))));
        assertThat(Set.copyOf(writes)).as("written back are published records").isSubsetOf(publishedIds);
        return new Observed(Collections.unmodifiableSet(published), biRows, Set.copyOf(writesWithCount(writes)),
                byReason);
    }

    /** Write events as {@code id#n}, so a record written twice (first run and after an edit) counts twice. */
    private static Set<String> writesWithCount(List<String> writes) {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> out = new HashSet<>();
        for (String id : writes) {
            out.add(id + "#" + seen.merge(id, 1, Integer::sum));
        }
        return out;
    }

    private static List<Message> browse(Session session, String queue) throws Exception {
        List<Message> out = new ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
            var e = browser.getEnumeration();
            while (e.hasMoreElements()) {
                out.add((Message) e.nextElement());
            }
        }
        return out;
    }

    private static PrometheusText scrape(HubHarness harness) throws Exception {
        HttpResponse<String> response = get(harness, "/observe/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return new PrometheusText(response.body());
    }

    /** The {@code aihub} group's checks of a health response with their details ({@code ?data=true}), by name. */
    private static Map<String, JsonNode> checks(HubHarness harness, String path) throws Exception {
        JsonNode body = JSON.readTree(get(harness, path + "?data=true").body());
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode check : body.path("checks")) {
            String name = check.path("name").asText();
            if (List.of("broker", "database").contains(name) || name.startsWith("connector-")
                    || name.startsWith("model-") || name.startsWith("route-")) {
                out.put(name, check);
            }
        }
        return out;
    }

    private static HttpResponse<String> get(HubHarness harness, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.httpPort + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
