package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.sink.SinkConnector;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.connectors.contract.SinkConnectorContract;
import io.aihub.simulators.erp.jdbc.ErpDatabaseSeeder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDBC sink against a real PostgreSQL server holding 500 seeded customers: the shared sink contract, then
 * what is particular to a database: the optimistic version check, values that do not fit a column, a
 * constraint that refuses one record of a batch, and an id column that is not unique.
 */
class JdbcSinkContractIT extends SinkConnectorContract {

    private static final String ENTITY = ErpDatabaseSeeder.TABLE;

    private static TestDatabase db;
    private static final AtomicInteger NEXT = new AtomicInteger(1);

    @BeforeAll
    static void startDatabase() throws SQLException {
        db = TestDatabase.postgres("jdbc_sink_contract");
        try (Connection c = db.connect()) {
            new ErpDatabaseSeeder(4L).seed(c, 500);
        }
        db.execute("ALTER TABLE erp_customers ADD CONSTRAINT churn_score_is_a_probability"
                + " CHECK (churn_score BETWEEN 0 AND 1)");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    private static String nextId() {
        return String.valueOf(NEXT.getAndIncrement());
    }

    @Override
    protected SinkConnector connector() {
        return new JdbcSinkConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return db.config(JdbcConnectionSettings.TABLE, ENTITY, JdbcSinkConnector.ALLOWED_FIELDS,
                "churn_score, churn_risk");
    }

    private Map<String, String> versionedConfig() {
        Map<String, String> config = validConfig();
        config.put(JdbcConnectionSettings.VERSION_COLUMN, "row_version");
        return config;
    }

    @Override
    protected Map<String, String> invalidConfig() {
        return Map.of(JdbcConnectionSettings.URL, "not a url", JdbcConnectionSettings.TABLE, "erp.sales.customers");
    }

    @Override
    protected List<String> invalidKeys() {
        return List.of(JdbcConnectionSettings.URL, JdbcConnectionSettings.USER, JdbcConnectionSettings.TABLE,
                JdbcSinkConnector.ALLOWED_FIELDS);
    }

    @Override
    protected List<SinkRecord> writableRecords(int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = nextId();
            records.add(new SinkRecord("event-" + id, ENTITY, id, null,
                    Map.of("churn_score", 0.1 + i / 100.0, "churn_risk", "Low")));
        }
        return records;
    }

    @Override
    protected SinkRecord recordWithFieldNotAllowed() {
        String id = nextId();
        return new SinkRecord("event-" + id, ENTITY, id, null, Map.of("name", "Renamed by a model"));
    }

    @Override
    protected SinkRecord recordTheSystemRejects() {
        String id = nextId();
        db.execute("DELETE FROM erp_customers WHERE id = " + Long.parseLong(id));
        return new SinkRecord("event-" + id, ENTITY, id, null, Map.of("churn_score", 0.5));
    }

    @Override
    protected Map<String, Object> currentFields(String recordId) {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT * FROM erp_customers WHERE id = ?")) {
            s.setLong(1, Long.parseLong(recordId));
            try (ResultSet rs = s.executeQuery()) {
                Map<String, Object> fields = new HashMap<>();
                if (rs.next()) {
                    ResultSetMetaData meta = rs.getMetaData();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        fields.put(meta.getColumnLabel(i), rs.getObject(i));
                    }
                }
                return fields;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMissingRowShouldBeRejectedAsNotFound() {
        String id = nextId();
        db.execute("DELETE FROM erp_customers WHERE id = " + Long.parseLong(id));
        try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", validConfig())) {
            task.start();
            List<SinkResult> results = task.put(List.of(new SinkRecord("e", ENTITY, id, null,
                    Map.of("churn_score", 0.4))));

            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.status()).isEqualTo(SinkStatus.REJECTED);
                assertThat(r.code()).isEqualTo("RECORD_NOT_FOUND");
            });
        }
    }

    @Test
    void aFieldOffTheAllowListShouldBeRejectedNamingTheFieldButNotTheValue() {
        String id = nextId();
        try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", validConfig())) {
            task.start();
            SinkResult result = task.put(List.of(new SinkRecord("e", ENTITY, id, null,
                    Map.of("churn_score", 0.4, "monthly_spend", 9999.5)))).get(0);

            assertThat(result.status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(result.code()).isEqualTo("FIELD_NOT_ALLOWED");
            assertThat(result.reason()).contains("monthly_spend").doesNotContain("9999");
        }
        assertThat(currentFields(id).get("churn_score")).as("nothing of the record is written").isNull();
    }

    @Test
    void aWriteToARowWhoseVersionChangedShouldBeAConflictAndLeaveTheRowAlone() {
        String stale = nextId();
        String current = nextId();
        db.execute("UPDATE erp_customers SET row_version = row_version + 1, churn_risk = 'Edited'"
                + " WHERE id = " + Long.parseLong(stale));
        try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", versionedConfig())) {
            task.start();
            List<SinkResult> results = task.put(List.of(
                    new SinkRecord("e1", ENTITY, stale, "1", Map.of("churn_risk", "High", "churn_score", 0.9)),
                    new SinkRecord("e2", ENTITY, current, "1", Map.of("churn_risk", "Low", "churn_score", 0.1))));

            assertThat(results.get(0).status()).isEqualTo(SinkStatus.CONFLICT);
            assertThat(results.get(0).code()).isEqualTo("VERSION_MISMATCH");
            assertThat(results.get(1).status()).isEqualTo(SinkStatus.WRITTEN);
        }
        assertThat(currentFields(stale)).containsEntry("churn_risk", "Edited").containsEntry("churn_score", null);
        assertThat(currentFields(current)).containsEntry("churn_risk", "Low").containsEntry("churn_score", 0.1);
    }

    @Test
    void aRecordWithoutAVersionShouldBeRejectedWhenVersionsAreChecked() {
        String id = nextId();
        try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", versionedConfig())) {
            task.start();
            SinkResult result = task.put(List.of(new SinkRecord("e", ENTITY, id, null,
                    Map.of("churn_score", 0.3)))).get(0);

            assertThat(result.status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(result.code()).isEqualTo("VERSION_MISSING");
        }
    }

    @Test
    void valuesShouldBeConvertedToTheColumnTypesOrRejected() {
        String asText = nextId();
        String notANumber = nextId();
        String badId = "customer-7";
        try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", validConfig())) {
            task.start();
            List<SinkResult> results = task.put(List.of(
                    new SinkRecord("e1", ENTITY, asText, null, Map.of("churn_score", "0.25", "churn_risk", 3)),
                    new SinkRecord("e2", ENTITY, notANumber, null, Map.of("churn_score", "high")),
                    new SinkRecord("e3", ENTITY, badId, null, Map.of("churn_score", 0.2))));

            assertThat(results).extracting(SinkResult::status)
                    .containsExactly(SinkStatus.WRITTEN, SinkStatus.REJECTED, SinkStatus.REJECTED);
            assertThat(results.get(1).code()).isEqualTo("VALUE_NOT_CONVERTIBLE");
            assertThat(results.get(1).reason()).contains("churn_score").doesNotContain("high");
            assertThat(results.get(2).code()).isEqualTo("INVALID_ID");
        }
        assertThat(currentFields(asText)).containsEntry("churn_score", 0.25).containsEntry("churn_risk", "3");
    }

    @Test
    void aConstraintViolationShouldRejectOnlyThatRecordWithItsSqlState() {
        List<SinkRecord> good = writableRecords(3);
        String bad = nextId();
        List<SinkRecord> batch = new ArrayList<>(good);
        batch.add(1, new SinkRecord("e-bad", ENTITY, bad, null, Map.of("churn_score", 1.5)));
        try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", validConfig())) {
            task.start();
            List<SinkResult> results = task.put(batch);

            assertThat(results.get(1).status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(results.get(1).code()).isEqualTo("SQLSTATE_23514");
            assertThat(results.get(1).reason()).contains("23514").doesNotContain("1.5");
            assertThat(List.of(results.get(0), results.get(2), results.get(3))).allMatch(SinkResult::isSuccess);
        }
        assertThat(currentFields(bad).get("churn_score")).isNull();
        good.forEach(r -> assertThat(currentFields(r.recordId()).get("churn_score"))
                .isEqualTo(r.fields().get("churn_score")));
    }

    @Test
    void anIdColumnThatIsNotUniqueShouldFailTheBatchAndWriteNothing() {
        db.execute("CREATE TABLE duplicated_ids (customer_no BIGINT, churn_score DOUBLE PRECISION)",
                "INSERT INTO duplicated_ids VALUES (1, NULL), (2, NULL), (2, NULL)");
        Map<String, String> config = db.config(JdbcConnectionSettings.TABLE, "duplicated_ids",
                JdbcConnectionSettings.ID_COLUMN, "customer_no", JdbcSinkConnector.ALLOWED_FIELDS, "churn_score");
        try (JdbcSinkTask task = new JdbcSinkConnector().createTask("erp", config)) {
            task.start();
            assertThatThrownBy(() -> task.put(List.of(
                    new SinkRecord("e1", "duplicated_ids", "1", null, Map.of("churn_score", 0.5)),
                    new SinkRecord("e2", "duplicated_ids", "2", null, Map.of("churn_score", 0.5)))))
                    .isInstanceOfSatisfying(PermanentException.class,
                            e -> assertThat(e.code()).isEqualTo("JDBC_ID_NOT_UNIQUE"));
        }
        assertThat(db.texts("SELECT churn_score FROM duplicated_ids")).containsOnlyNulls();
    }

    @Test
    void aMissingColumnOrUnknownUserShouldFailStartPermanentlyWithoutTheDriverMessage() {
        Map<String, String> missingColumn = validConfig();
        missingColumn.put(JdbcSinkConnector.ALLOWED_FIELDS, "churn_score, churn_probability");
        Map<String, String> unknownUser = validConfig();
        unknownUser.put(JdbcConnectionSettings.USER, "no_such_role");
        unknownUser.put(JdbcConnectionSettings.PASSWORD, "wrong-secret");
        unknownUser.put(JdbcConnectionSettings.CONNECT_TIMEOUT, "500ms");

        assertThatThrownBy(() -> new JdbcSinkConnector().createTask("erp", missingColumn).start())
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo(JdbcErrors.SQL);
                    assertThat(e.getMessage()).contains("42703").doesNotContain("churn_probability\" does not");
                });
        assertThatThrownBy(() -> new JdbcSinkConnector().createTask("erp", unknownUser).start())
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo(JdbcErrors.AUTH);
                    assertThat(e.getMessage()).contains("28").doesNotContain("wrong-secret");
                });
    }

    @Test
    void theAllowListShouldNotHoldTheIdOrVersionColumn() {
        Map<String, String> config = versionedConfig();
        config.put(JdbcSinkConnector.ALLOWED_FIELDS, "churn_score, ID, row_version");

        assertThatThrownBy(() -> new JdbcSinkConnector().createTask("erp", config))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2)
                        .anySatisfy(p -> assertThat(p).contains("id column"))
                        .anySatisfy(p -> assertThat(p).contains("version column")));
    }
}
