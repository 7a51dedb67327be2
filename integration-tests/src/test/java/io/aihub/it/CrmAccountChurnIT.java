package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crm-account-churn route end to end on the real application: simulated Salesforce, shipped ONNX churn
 * model, embedded Artemis, H2 BI table. Proves with sets of record ids that every account is published once
 * to every subscriber, stored once and written back once; that the watermark holds across restarts; and
 * that a business system can read its queue over AMQP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = java.util.concurrent.TimeUnit.MINUTES)
class CrmAccountChurnIT {

    private static final String ROUTE = "crm-account-churn";
    private static final int ACCOUNTS = 5000;
    private static final Duration DRAIN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private SalesforceSimulator crm;
    private HubHarness harness;
    private Set<String> accountIds;

    @BeforeAll
    void startCrm() {
        crm = SalesforceSimulator.builder().accounts(ACCOUNTS).seed(42L).build();
        crm.start();
        accountIds = Set.copyOf(crm.accountIds());
        harness = new HubHarness(dataDir, crm.baseUrl());
    }

    @AfterAll
    void stopCrm() {
        if (crm != null) {
            crm.close();
        }
    }

    @Test
    @Order(1)
    void firstRunShouldScorePublishStoreAndWriteBackEveryAccountExactlyOnce() throws Exception {
        HubApplication app = harness.application();
        app.start();
        try {
            assertThat(app.awaitIdle(DRAIN)).as("hub drained within %s", DRAIN).isTrue();

            var totals = app.totals();
            assertThat(totals.summaryLine()).isEqualTo("summary: pulled=5000 scored=5000 published=5000 "
                    + "written_back=5000 bi_rows=5000 dead_lettered=0");

            assertThat(biRowsPerRecord(app)).as("one BI row per account").containsOnlyKeys(accountIds)
                    .allSatisfy((id, rows) -> assertThat(rows).isEqualTo(1));

            List<String> written = crm.writeLog().stream().map(SalesforceSimulator.WriteEvent::recordId).toList();
            assertThat(written).hasSize(ACCOUNTS).doesNotHaveDuplicates();
            assertThat(Set.copyOf(written)).isEqualTo(accountIds);
            assertThat(crm.account(written.get(0)).get("Churn_Risk__c")).isIn("High", "Medium", "Low");
            assertThat(crm.account(written.get(0)).get("Churn_Score__c")).isInstanceOf(Number.class);

            var server = app.runtime().embeddedBroker().orElseThrow().server();
            for (String subscriber : List.of("bi", "write-back", "sales-ops")) {
                var queue = server.locateQueue(SimpleString.of(Addresses.subscriberQueue(ROUTE, subscriber)));
                assertThat(queue.getMessagesAdded()).as("messages added to %s", subscriber).isEqualTo(ACCOUNTS);
            }
            var dlq = server.locateQueue(SimpleString.of(Addresses.deadLetter(ROUTE)));
            assertThat(dlq.getMessagesAdded()).isZero();

            String atRiskSql = DocExamples.blocks("bi.md", "sql").get(0);
            List<Double> topScores = new java.util.ArrayList<>();
            try (Connection c = app.runtime().database().connection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(atRiskSql)) {
                while (rs.next()) {
                    assertThat(accountIds).contains(rs.getString("record_id"));
                    topScores.add(rs.getDouble("score"));
                }
            }
            assertThat(topScores).as("docs/bi.md: most at risk").hasSize(20)
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder());

            HttpResponse<String> ready = get("/observe/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"name\":\"broker\",\"status\":\"UP\"",
                    "\"name\":\"database\",\"status\":\"UP\"", "\"name\":\"model-churn\",\"status\":\"UP\"");
            assertThat(get("/observe/metrics").body())
                    .contains("aihub_records_published_total{route=\"crm-account-churn\"} 5000.0")
                    .contains("aihub_records_written_back_total{route=\"crm-account-churn\"} 5000.0");
        } finally {
            app.stop();
        }
    }

    @Test
    @Order(2)
    void businessSystemShouldReadEveryPredictionOverAmqpAndEachShouldMatchTheSchema() throws Exception {
        HubApplication app = harness.application();
        app.start();
        try {
            List<AmqpSubscriber.Received> received = AmqpSubscriber.drain(harness.amqpPort,
                    Addresses.subscriberFqqn(ROUTE, "sales-ops"), 3);

            List<String> subjects = received.stream().map(r -> subject(r.body())).toList();
            assertThat(subjects).hasSize(ACCOUNTS).doesNotHaveDuplicates();
            assertThat(Set.copyOf(subjects)).isEqualTo(accountIds);
            PredictionSchema schema = new PredictionSchema();
            assertThat(received).allSatisfy(r -> {
                assertThat(schema.problems(r.body())).isEmpty();
                assertThat(r.properties()).containsEntry("aihubRecordId", subject(r.body()))
                        .containsEntry("aihubRoute", ROUTE).containsEntry("aihubModel", "churn");
            });
        } finally {
            app.stop();
        }
    }

    @Test
    @Order(3)
    void secondRunShouldPublishNothingNewBecauseTheWatermarkHeld() throws Exception {
        int writesBefore = crm.writeLog().size();
        HubApplication app = harness.application();
        app.start();
        try {
            assertThat(app.awaitIdle(DRAIN)).isTrue();
            assertThat(app.totals().summaryLine()).isEqualTo(
                    "summary: pulled=0 scored=0 published=0 written_back=0 bi_rows=0 dead_lettered=0");
            assertThat(crm.writeLog()).hasSize(writesBefore);
        } finally {
            app.stop();
        }
    }

    @Test
    @Order(4)
    void accountsEditedBetweenRunsShouldBeScoredAgainAndOnlyThose() throws Exception {
        Set<String> edited = Set.copyOf(crm.modifyAccounts(10, 7L));
        int writesBefore = crm.writeLog().size();
        HubApplication app = harness.application();
        app.start();
        try {
            assertThat(app.awaitIdle(DRAIN)).isTrue();
            assertThat(app.totals().summaryLine()).isEqualTo(
                    "summary: pulled=10 scored=10 published=10 written_back=10 bi_rows=10 dead_lettered=0");
            Map<String, Integer> rows = biRowsPerRecord(app);
            Set<String> twice = new HashSet<>();
            rows.forEach((id, n) -> {
                if (n == 2) {
                    twice.add(id);
                }
            });
            assertThat(twice).isEqualTo(edited);
            var newWrites = crm.writeLog().subList(writesBefore, crm.writeLog().size()).stream()
                    .map(SalesforceSimulator.WriteEvent::recordId).toList();
            assertThat(newWrites).hasSize(10);
            assertThat(Set.copyOf(newWrites)).isEqualTo(edited);
        } finally {
            app.stop();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.httpPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String subject(String body) {
        try {
            return JSON.readTree(body).get("subject").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Integer> biRowsPerRecord(HubApplication app) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = app.runtime().database().connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record_id, COUNT(*) FROM predictions WHERE route_id = '"
                        + ROUTE + "' GROUP BY record_id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        return rows;
    }
}
