package io.aihub.routes.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.routes.flow.EnvelopeCodec;
import io.aihub.routes.flow.TestEvents;
import io.aihub.routes.progress.RouteCounters;
import io.aihub.routes.store.migration.V6__Bi_reader_role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The BI schema on H2: outcomes, runs, drift rows, the views computed from them, and the read-only role. */
class BiSchemaTest {

    private String url;
    private HubDatabase database;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @BeforeEach
    void open() {
        url = "jdbc:h2:mem:bi" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        database = HubDatabase.open(url, "sa", "");
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldComputeLiveAccuracyAndQualityFromOutcomes() throws Exception {
        PredictionTable predictions = new PredictionTable(database.dataSource(), codec.mapper());
        OutcomeTable outcomes = new OutcomeTable(database.dataSource());
        // Scores: A 0.9 (yes), B 0.8 (yes), C 0.3 (no), D 0.1 (no), E 0.6 (yes, no outcome).
        Map<String, Double> scores = Map.of("A", 0.9, "B", 0.8, "C", 0.3, "D", 0.1, "E", 0.6);
        List<PredictionEvent> events = new ArrayList<>();
        scores.forEach((id, score) -> events.add(TestEvents.event("r", id, score)));
        predictions.upsert(events);
        // Truth: A churned, B did not, C churned, D did not.
        Map<String, Boolean> churned = Map.of("A", true, "B", false, "C", true, "D", false);
        List<Outcome> truth = new ArrayList<>();
        churned.forEach((id, yes) -> truth.add(new Outcome("r", "crm", "Account", id, "v9", yes ? "yes" : "no", yes,
                Instant.parse("2026-11-23T00:00:00Z"), "crm/Account.Churned__c")));
        assertThat(outcomes.upsert(truth)).isEqualTo(4);
        assertThat(outcomes.upsert(truth)).as("unchanged outcomes read again").isZero();

        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT predicted_on, predictions, records, with_outcome, live_accuracy,"
                        + " fallback_rate, p50_score, shadow_compared FROM model_daily")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2026-11-22");
            assertThat(rs.getInt(2)).isEqualTo(5);
            assertThat(rs.getInt(3)).isEqualTo(5);
            assertThat(rs.getInt(4)).isEqualTo(4);
            assertThat(rs.getDouble(5)).isEqualTo(0.5); // A and D right, B and C wrong
            assertThat(rs.getDouble(6)).isZero();
            assertThat(rs.getDouble(7)).isEqualTo(0.6);
            assertThat(rs.getObject(8)).isNull();
            assertThat(rs.next()).isFalse();
        }
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT true_positives, false_positives, true_negatives, false_negatives,"
                        + " precision_rate, recall_rate, observed_positive_rate FROM model_quality")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4))).containsExactly(1, 1, 1, 1);
            assertThat(rs.getDouble(5)).isEqualTo(0.5);
            assertThat(rs.getDouble(6)).isEqualTo(0.5);
            assertThat(rs.getDouble(7)).isEqualTo(0.5);
        }

        // A corrected outcome replaces the row: B did churn after all.
        assertThat(outcomes.upsert(List.of(new Outcome("r", "crm", "Account", "B", "v10", "yes", true,
                Instant.parse("2026-11-24T00:00:00Z"), "crm/Account.Churned__c")))).isEqualTo(1);
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT live_accuracy FROM model_daily")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble(1)).isEqualTo(0.75);
        }
    }

    @Test
    void shouldGiveEveryRateAndScoreOfTheViewsAsDoublePrecision() throws Exception {
        // Regression: AVG over 1.0/0.0 and PERCENTILE_CONT gave NUMERIC/DECFLOAT on H2, double on PostgreSQL.
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            for (String view : List.of("model_daily", "model_quality", "model_calibration")) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + view)) {
                    var meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String column = meta.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                        if (column.endsWith("_rate") || column.endsWith("_score") || column.endsWith("accuracy")
                                || column.endsWith("agreement")) {
                            assertThat(meta.getColumnType(i)).as(view + "." + column).isEqualTo(java.sql.Types.DOUBLE);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldShowTheNewestPredictionPerRecordAndModel() throws Exception {
        PredictionTable predictions = new PredictionTable(database.dataSource(), codec.mapper());
        predictions.upsert(List.of(TestEvents.event("r", "A", 0.2), TestEvents.event("r", "B", 0.4)));
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("UPDATE predictions SET predicted_at = predicted_at - INTERVAL '1' DAY");
        }
        PredictionEvent newer = TestEvents.event("r", "A", 0.7);
        predictions.upsert(List.of(new PredictionEvent(newer.specversion(), "newer-a", newer.source(), newer.type(),
                newer.subject(), newer.time(), newer.datacontenttype(), newer.dataschema(), newer.data())));
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record_id, score FROM latest_prediction ORDER BY record_id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("A");
            assertThat(rs.getDouble(2)).isEqualTo(0.7);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("B");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void shouldRecordRouteRunsAndDriftReports() throws Exception {
        RouteRunTable runs = new RouteRunTable(database.dataSource(), "run-1", "dev", Instant.now());
        RouteCounters counters = new RouteCounters("r");
        counters.pulled.add(10);
        counters.scored.add(9);
        counters.deadLettered.add(1);
        runs.record(List.of(counters), false);
        counters.pulled.add(5);
        runs.record(List.of(counters), true);
        new DriftReportTable(database.dataSource()).insert(List.of(new DriftReportRow("r", "churn", "1.0.0",
                Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-22T00:10:00Z"), 500, "nps", 0.31, 0.05,
                0.0, 0.2, true)));
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status, pulled, scored, dead_lettered, ended_at FROM"
                        + " route_run_history")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("stopped");
            assertThat(rs.getLong(2)).isEqualTo(15);
            assertThat(rs.getLong(3)).isEqualTo(9);
            assertThat(rs.getLong(4)).isEqualTo(1);
            assertThat(rs.getTimestamp(5)).isNotNull();
            assertThat(rs.next()).isFalse();
        }
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT feature, psi, drifted FROM drift_history")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("nps");
            assertThat(rs.getBoolean(3)).isTrue();
        }
    }

    @Test
    void shouldRunEveryQueryOfTheBiPageOnH2Too() throws Exception {
        new PredictionTable(database.dataSource(), codec.mapper()).upsert(List.of(TestEvents.event("r", "A", 0.2)));
        Matcher block = Pattern.compile("```sql\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("..", "docs", "bi.md")));
        int queries = 0;
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            while (block.find()) {
                try (ResultSet rs = s.executeQuery(block.group(1))) {
                    assertThat(rs.getMetaData().getColumnCount()).isPositive();
                } catch (SQLException e) {
                    throw new AssertionError("docs/bi.md query failed on H2: " + e.getMessage() + "\n" + block.group(1),
                            e);
                }
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(6);
    }

    @Test
    void shouldLetTheBiReaderRoleReadTheViewsOnly() throws Exception {
        new PredictionTable(database.dataSource(), codec.mapper()).upsert(List.of(TestEvents.event("r", "A", 0.2)));
        try (Connection c = database.connection(); Statement s = c.createStatement()) {
            s.execute("CREATE USER analyst PASSWORD 'analyst-pw'");
            s.execute("GRANT " + V6__Bi_reader_role.ROLE + " TO analyst");
        }
        String analystUrl = url.replace(";DB_CLOSE_DELAY=-1", "");
        try (Connection analyst = DriverManager.getConnection(analystUrl, "analyst", "analyst-pw");
                Statement s = analyst.createStatement()) {
            for (String view : V6__Bi_reader_role.VIEWS) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM " + view)) {
                    assertThat(rs.getMetaData().getColumnCount()).as(view).isPositive();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM latest_prediction")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            for (String table : List.of("predictions", "prediction_outcomes", "prediction_shadows", "route_runs",
                    "drift_reports", "aihub_source_positions")) {
                assertThatThrownBy(() -> s.executeQuery("SELECT * FROM " + table).close()).as(table)
                        .isInstanceOf(SQLException.class);
            }
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM drift_history"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
