package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.connectors.contract.SourceDrain;
import io.aihub.simulators.erp.jdbc.ErpDatabaseSeeder;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same connector on H2 in PostgreSQL mode, the hub's embedded database: with {@code DATABASE_TO_LOWER}
 * (as the hub opens it, unquoted names stored in lower case) and without (H2's default, upper case), the
 * plain names in the configuration find the demo table created by unquoted DDL.
 */
class JdbcOnH2IT {

    private static final int ROWS = 700;

    @ParameterizedTest(name = "DATABASE_TO_LOWER={0}")
    @ValueSource(booleans = {true, false})
    void theSourceShouldReadEveryRowOnceAndResumeAfterARestart(boolean databaseToLower) throws SQLException {
        try (TestDatabase db = TestDatabase.h2("jdbc_source_" + databaseToLower, databaseToLower)) {
            Set<String> ids = seed(db);
            Map<String, String> config = db.config(JdbcConnectionSettings.TABLE, ErpDatabaseSeeder.TABLE,
                    JdbcConnectionSettings.VERSION_COLUMN, "row_version",
                    JdbcSourceConnector.COLUMNS, "name, plan AS Plan__c, monthly_spend, nps",
                    JdbcSourceConnector.BATCH_SIZE, "64");

            SourceDrain before;
            try (JdbcSourceTask task = new JdbcSourceConnector().createTask("erp", config)) {
                task.start(SourcePosition.START);
                before = new SourceDrain().poll(task, 3);
            }
            SourceDrain after;
            try (JdbcSourceTask task = new JdbcSourceConnector().createTask("erp", config)) {
                task.start(before.last().position());
                after = new SourceDrain().untilEmpty(task);
            }

            assertThat(before.ids()).hasSize(3 * 64);
            Set<String> overlap = new HashSet<>(before.ids());
            overlap.retainAll(after.ids());
            assertThat(overlap).isEmpty();
            Set<String> all = new HashSet<>(before.ids());
            all.addAll(after.ids());
            assertThat(all).isEqualTo(ids);
            assertThat(after.ids()).doesNotHaveDuplicates();
            SourcePage first = before.pages.get(0);
            assertThat(first.backlog()).isEqualTo(ROWS - 64L);
            SourceRecord record = first.records().get(0);
            assertThat(record.fields()).containsOnlyKeys("name", "Plan__c", "monthly_spend", "nps");
            assertThat(record.fields().get("monthly_spend")).isInstanceOf(BigDecimal.class);
            assertThat(record.version()).isEqualTo("1");
            assertThat(record.position().values()).containsOnlyKeys(JdbcPosition.UPDATED_AT, JdbcPosition.ID);
        }
    }

    @ParameterizedTest(name = "DATABASE_TO_LOWER={0}")
    @ValueSource(booleans = {true, false})
    void theSinkShouldWriteCheckVersionsAndRejectMissingRows(boolean databaseToLower) throws SQLException {
        try (TestDatabase db = TestDatabase.h2("jdbc_sink_" + databaseToLower, databaseToLower)) {
            seed(db);
            db.execute("UPDATE erp_customers SET row_version = 2 WHERE id = 2", "DELETE FROM erp_customers WHERE id = 3");
            Map<String, String> config = db.config(JdbcConnectionSettings.TABLE, ErpDatabaseSeeder.TABLE,
                    JdbcConnectionSettings.VERSION_COLUMN, "row_version",
                    JdbcSinkConnector.ALLOWED_FIELDS, "churn_score, churn_risk");
            List<SinkResult> results;
            try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", config)) {
                task.start();
                Map<String, Object> fields = Map.of("churn_score", 0.75, "churn_risk", "High");
                results = task.put(List.of(new SinkRecord("e1", "erp_customers", "1", "1", fields),
                        new SinkRecord("e2", "erp_customers", "2", "1", fields),
                        new SinkRecord("e3", "erp_customers", "3", "1", fields)));
            }

            assertThat(results).extracting(SinkResult::status)
                    .containsExactly(SinkStatus.WRITTEN, SinkStatus.CONFLICT, SinkStatus.REJECTED);
            assertThat(db.texts("SELECT id FROM erp_customers WHERE churn_risk = 'High'")).containsExactly("1");
        }
    }

    private static Set<String> seed(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new ErpDatabaseSeeder(5L).seed(c, ROWS).stream().map(String::valueOf).collect(Collectors.toSet());
        }
    }
}
