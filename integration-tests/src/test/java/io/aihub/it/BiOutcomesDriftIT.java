package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.drift.DriftEventPublisher;
import io.aihub.routes.flow.EnvelopeCodec;
import io.aihub.routes.store.migration.V6__Bi_reader_role;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * One hub run on PostgreSQL with outcome feedback and a drifting population: 600 accounts are scored, then 400
 * accounts arrive whose {@code Days_Since_Last_Login__c} is shifted by 60 days, then the CRM records every
 * account's true churn outcome, which flows back through the {@code record-outcomes} route of
 * {@code examples/outcomes}. Checks drift events and reports, live accuracy against the simulator's truth, the
 * route runs, the read-only BI role, and runs every SQL query of {@code docs/bi.md} on the result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class BiOutcomesDriftIT {

    private static final String ROUTE = "crm-account-churn";
    private static final String OUTCOMES_ROUTE = "crm-account-outcomes";
    private static final Path OUTCOME_ROUTES = Path.of("..", "examples", "outcomes", "routes",
            "crm-account-outcomes.camel.yaml").toAbsolutePath().normalize();
    /** Records per drift window: one source page, so a window never mixes shifted and unshifted accounts. */
    private static final int WINDOW = 200;
    private static final int ACCOUNTS = 3 * WINDOW;
    /** Drift report rows per window: the churn model's eight features and the score. */
    private static final int ROWS_PER_WINDOW = 9;

    private final ObjectMapper json = new ObjectMapper();
    /** The business system subscribed to the drift events (granted {@code events = drift}, no queue). */
    private static final TestBrokerUsers.Business DATA_SCIENCE = TestBrokerUsers.Business.of("data-science")
            .withEvents("drift");
    private EmbeddedPostgres postgres;
    private Path dataDir;
    private SalesforceSimulator crm;
    private final Set<String> shiftedIds = new HashSet<>();
    private final List<JsonNode> driftEvents = new ArrayList<>();
    private final List<PredictionEvent> published = new ArrayList<>();
    private Map<String, Boolean> recordedOutcomes;
    private Instant shiftedAt;
    private io.aihub.routes.progress.HubCounters counters;

    @BeforeAll
    void runTheHub() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataDir = Files.createTempDirectory("aihub-bi-it");
        crm = SalesforceSimulator.builder().accounts(ACCOUNTS).seed(11L).build();
        crm.start();
        HubHarness harness = new HubHarness(dataDir, crm.baseUrl())
                .with("aihub.db.url", postgres.getJdbcUrl("postgres", "postgres"))
                .with("aihub.db.user", "postgres").with("aihub.db.password", "postgres")
                .with("camel.main.routesIncludePattern", "classpath:templates/*.camel.yaml,"
                        + "classpath:routes/" + ROUTE + ".camel.yaml,file:" + OUTCOME_ROUTES)
                .with("aihub.connectors", "crm,crm-outcomes")
                .with("aihub.connector.crm-outcomes.type", "salesforce")
                .with("aihub.connector.crm-outcomes.loginUrl", crm.baseUrl())
                .with("aihub.connector.crm-outcomes.clientId", "aihub-demo")
                .with("aihub.connector.crm-outcomes.clientSecret", "demo-secret")
                .with("aihub.connector.crm-outcomes.entity", "Account")
                .with("aihub.connector.crm-outcomes.fields", "Churned__c,Churn_Date__c")
                .with("aihub.connector.crm-outcomes.excludeOwnWrites", "false")
                .with("aihub.route." + OUTCOMES_ROUTE + ".idleDelay", "500")
                .with("aihub.drift.windowRecords", String.valueOf(WINDOW))
                .with("aihub.drift.windowSeconds", "0")
                .withBusinessUsers(DATA_SCIENCE);
        HubApplication hub = harness.application();
        hub.start();
        try (ActiveMQConnectionFactory dataScience = DATA_SCIENCE.factory("tcp://127.0.0.1:" + harness.corePort);
                JMSContext jms = dataScience.createContext();
                JMSConsumer events = jms.createConsumer(jms.createTopic(DriftEventPublisher.ADDRESS))) {
            assertThat(hub.awaitIdle(Duration.ofMinutes(2))).isTrue();
            assertThat(events.receiveNoWait()).as("no drift before the shift").isNull();

            shiftedAt = Instant.now();
            shiftedIds.addAll(crm.insertShiftedAccounts(2 * WINDOW, 77L, "Days_Since_Last_Login__c", v -> v + 60));
            assertThat(hub.awaitIdle(Duration.ofMinutes(2))).isTrue();
            String event = events.receiveBody(String.class, 60_000);
            assertThat(event).as("a drift event").isNotNull();
            driftEvents.add(json.readTree(event));

            recordedOutcomes = crm.recordChurnOutcomes();
            assertThat(hub.awaitIdle(Duration.ofMinutes(2))).isTrue();
            for (var received : AmqpSubscriber.drain(harness.amqpPort, Addresses.subscriberFqqn(ROUTE, "sales-ops"),
                    3)) {
                published.add(new EnvelopeCodec().read(received.body()));
            }
        } finally {
            counters = hub.runtime().counters();
            hub.stop();
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (crm != null) {
            crm.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldPublishADriftEventAndReportOnlyTheShiftedFeatureAboveTheThreshold() throws Exception {
        JsonNode event = driftEvents.get(0);
        assertThat(event.path("type").asText()).isEqualTo(DriftEventPublisher.TYPE);
        assertThat(event.path("data").path("route").asText()).isEqualTo(ROUTE);
        assertThat(event.path("data").path("drifted").toString()).contains("days_since_login");

        // Windows before the shift: nothing drifted.
        List<Map<String, Object>> before = rows("SELECT feature, psi, drifted FROM drift_reports WHERE window_end < ?",
                shiftedAt);
        assertThat(before).hasSize(ACCOUNTS / WINDOW * ROWS_PER_WINDOW);
        assertThat(before).allSatisfy(r -> assertThat((Boolean) r.get("drifted")).as(r.toString()).isFalse());

        // The first two windows after the shift hold only shifted accounts.
        List<Map<String, Object>> after = rows("SELECT window_end, feature, psi, psi_threshold, drifted, records"
                + " FROM drift_reports WHERE window_start >= ? ORDER BY window_end, report_id", shiftedAt);
        List<Map<String, Object>> shiftedWindows = after.subList(0, 2 * ROWS_PER_WINDOW);
        for (Map<String, Object> row : shiftedWindows) {
            String feature = (String) row.get("feature");
            double psi = (Double) row.get("psi");
            assertThat((Integer) row.get("records")).isEqualTo(WINDOW);
            assertThat((Double) row.get("psi_threshold")).isEqualTo(0.2);
            if (feature.equals("days_since_login")) {
                assertThat(psi).as(feature).isGreaterThan(0.2);
                assertThat((Boolean) row.get("drifted")).isTrue();
            } else if (!feature.equals("__score__")) {
                assertThat(psi).as(feature).isLessThan(0.2);
                assertThat((Boolean) row.get("drifted")).isFalse();
            }
        }
    }

    @Test
    void shouldComputeLiveAccuracyFromOutcomesAsTheSimulatorsTruthSays() throws Exception {
        assertThat(recordedOutcomes).hasSize(ACCOUNTS + 2 * WINDOW);
        Map<String, String> stored = new HashMap<>();
        for (Map<String, Object> row : rows("SELECT record_id, outcome_label, outcome_positive FROM"
                + " prediction_outcomes WHERE route_id = ?", ROUTE)) {
            stored.put((String) row.get("record_id"), (String) row.get("outcome_label"));
            assertThat(row.get("outcome_positive")).isEqualTo("yes".equals(row.get("outcome_label")));
        }
        Map<String, String> truth = new HashMap<>();
        recordedOutcomes.forEach((id, churned) -> truth.put(id, churned ? "yes" : "no"));
        assertThat(stored).isEqualTo(truth);

        // Expected, from what the hub published and the simulator's truth: per UTC day, predictions and hits.
        assertThat(published).extracting(PredictionEvent::id).doesNotHaveDuplicates();
        assertThat(Set.copyOf(published.stream().map(PredictionEvent::id).toList()))
                .isEqualTo(Set.copyOf(rows("SELECT event_id FROM predictions").stream()
                        .map(r -> (String) r.get("event_id")).toList()));
        Map<LocalDate, long[]> expected = new TreeMap<>();
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (PredictionEvent e : published) {
            boolean churns = crm.churns(e.subject());
            String label = e.data().prediction().label();
            long[] dayCounts = expected.computeIfAbsent(Instant.parse(e.time()).atZone(ZoneOffset.UTC).toLocalDate(),
                    d -> new long[2]);
            dayCounts[0]++;
            dayCounts[1] += label.equals(churns ? "yes" : "no") ? 1 : 0;
            tp += churns && label.equals("yes") ? 1 : 0;
            fp += !churns && label.equals("yes") ? 1 : 0;
            fn += churns && label.equals("no") ? 1 : 0;
        }
        Map<LocalDate, long[]> actual = new TreeMap<>();
        for (Map<String, Object> row : rows("SELECT predicted_on, with_outcome, live_accuracy, predictions FROM"
                + " model_daily WHERE model = 'churn' AND model_version = '1.0.0'")) {
            LocalDate day = ((java.sql.Date) row.get("predicted_on")).toLocalDate();
            long withOutcome = (Long) row.get("with_outcome");
            assertThat((Long) row.get("predictions")).isEqualTo(withOutcome);
            assertThat((Double) row.get("live_accuracy"))
                    .isCloseTo((double) expected.get(day)[1] / expected.get(day)[0], org.assertj.core.data.Offset
                            .offset(1e-12));
            actual.put(day, new long[] {withOutcome, Math.round((Double) row.get("live_accuracy") * withOutcome)});
        }
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        actual.forEach((day, counts) -> assertThat(counts).containsExactly(expected.get(day)));

        Map<String, Object> quality = rows("SELECT true_positives, false_positives, false_negatives, precision_rate,"
                + " recall_rate FROM model_quality WHERE model = 'churn' AND model_version = '1.0.0'").get(0);
        assertThat(List.of(quality.get("true_positives"), quality.get("false_positives"),
                quality.get("false_negatives"))).containsExactly(tp, fp, fn);
        assertThat((Double) quality.get("precision_rate")).isCloseTo((double) tp / (tp + fp),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat((Double) quality.get("recall_rate")).isCloseTo((double) tp / (tp + fn),
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void shouldRecordTheRunOfEachRoute() throws Exception {
        List<Map<String, Object>> runs = rows("SELECT route_id, status, pulled, scored, published, dead_lettered,"
                + " ended_at FROM route_runs ORDER BY route_id");
        assertThat(runs).extracting(r -> r.get("route_id")).containsExactly(ROUTE, OUTCOMES_ROUTE);
        Map<String, Object> scoring = runs.get(0);
        assertThat(scoring.get("status")).isEqualTo("stopped");
        assertThat(scoring.get("ended_at")).isNotNull();
        assertThat(scoring.get("published")).isEqualTo((long) published.size());
        assertThat(scoring.get("scored")).isEqualTo((long) published.size());
        assertThat(scoring.get("pulled")).isEqualTo(counters.route(ROUTE).pulled.sum());
        assertThat(scoring.get("dead_lettered")).isEqualTo(0L);
        Map<String, Object> outcomes = runs.get(1);
        assertThat(outcomes.get("status")).isEqualTo("stopped");
        assertThat(outcomes.get("pulled")).isEqualTo(counters.route(OUTCOMES_ROUTE).pulled.sum());
        assertThat((Long) outcomes.get("pulled"))
                .isGreaterThanOrEqualTo((long) ACCOUNTS + 2 * WINDOW + recordedOutcomes.size());
    }

    @Test
    void shouldLetTheBiReaderRoleReadTheViewsAndNothingElse() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE USER analyst PASSWORD 'analyst-pw' IN ROLE " + V6__Bi_reader_role.ROLE);
        }
        String url = postgres.getJdbcUrl("analyst", "postgres");
        try (Connection analyst = DriverManager.getConnection(url, "analyst", "analyst-pw");
                Statement s = analyst.createStatement()) {
            for (String view : V6__Bi_reader_role.VIEWS) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + view)) {
                    rs.next();
                    if (!view.equals("shadow_results")) { // this run has no shadow challenger
                        assertThat(rs.getLong(1)).as(view).isPositive();
                    }
                }
            }
            for (String table : List.of("predictions", "prediction_outcomes", "prediction_shadows", "route_runs",
                    "drift_reports", "aihub_source_positions", "flyway_schema_history")) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + table).close()).as(table)
                        .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            }
            // drift_history reads one table, so PostgreSQL could write through it: only the grant stops it.
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM drift_history"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void shouldRunEverySqlQueryOfTheBiPage() throws Exception {
        List<String> queries = DocExamples.blocks("bi.md", "sql");
        assertThat(queries).hasSizeGreaterThanOrEqualTo(6);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String query : queries) {
                try (ResultSet rs = s.executeQuery(query)) {
                    assertThat(rs.getMetaData().getColumnCount()).as(query).isPositive();
                } catch (SQLException e) {
                    throw new AssertionError("docs/bi.md query failed on PostgreSQL: " + e.getMessage() + "\n"
                            + query, e);
                }
            }
        }
    }

    private List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                var s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Instant instant) {
                    s.setTimestamp(i + 1, java.sql.Timestamp.from(instant));
                } else {
                    s.setObject(i + 1, args[i]);
                }
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
