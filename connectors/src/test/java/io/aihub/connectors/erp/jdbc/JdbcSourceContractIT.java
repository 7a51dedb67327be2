package io.aihub.connectors.erp.jdbc;

import io.aihub.api.source.SourceConnector;
import io.aihub.connectors.contract.SourceConnectorContract;
import io.aihub.simulators.erp.jdbc.ErpDatabaseSeeder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The JDBC source against a real PostgreSQL server: 1,000 seeded customers (seven per updated_at stamp), read
 * in pages of 64 through a view whose gate function counts every row it is asked for and can be told to
 * {@code pg_sleep} first, so a poll can be made to block inside the database.
 */
class JdbcSourceContractIT extends SourceConnectorContract {

    private static TestDatabase db;
    private static Set<String> ids;

    @BeforeAll
    static void startDatabase() throws SQLException {
        db = TestDatabase.postgres("jdbc_source_contract");
        try (Connection c = db.connect()) {
            ids = new ErpDatabaseSeeder(3L).seed(c, 1000).stream().map(String::valueOf).collect(Collectors.toSet());
        }
        db.execute("CREATE SEQUENCE contract_gate_calls",
                "CREATE TABLE contract_gate_delay (seconds DOUBLE PRECISION NOT NULL)",
                "INSERT INTO contract_gate_delay VALUES (0)",
                """
                CREATE FUNCTION contract_gate() RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
                DECLARE delay DOUBLE PRECISION;
                BEGIN
                    PERFORM nextval('contract_gate_calls');
                    SELECT seconds INTO delay FROM contract_gate_delay;
                    IF delay > 0 THEN
                        PERFORM pg_sleep(delay);
                    END IF;
                    RETURN true;
                END $$""",
                "CREATE VIEW contract_customers AS SELECT * FROM erp_customers WHERE contract_gate()");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @AfterEach
    void noDelay() {
        delayNextRequests(Duration.ZERO);
    }

    @Override
    protected SourceConnector connector() {
        return new JdbcSourceConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return db.config(JdbcConnectionSettings.TABLE, "contract_customers",
                JdbcConnectionSettings.VERSION_COLUMN, "row_version",
                JdbcSourceConnector.COLUMNS, "name, plan AS Plan__c, tenure_months, monthly_spend, nps",
                JdbcSourceConnector.BATCH_SIZE, "64");
    }

    @Override
    protected Set<String> expectedIds() {
        return ids;
    }

    @Override
    protected Map<String, String> invalidConfig() {
        return Map.of(JdbcConnectionSettings.URL, "postgresql://localhost/erp",
                JdbcConnectionSettings.TABLE, "customers; DROP TABLE customers",
                JdbcSourceConnector.BATCH_SIZE, "0",
                JdbcSourceConnector.COLUMNS, "name, \"plan\"\"\", tenure_months",
                JdbcSourceConnector.LAG, "-5s");
    }

    @Override
    protected List<String> invalidKeys() {
        return List.of(JdbcConnectionSettings.URL, JdbcConnectionSettings.USER, JdbcConnectionSettings.TABLE,
                JdbcSourceConnector.BATCH_SIZE, JdbcSourceConnector.COLUMNS, JdbcSourceConnector.LAG);
    }

    @Override
    protected void delayNextRequests(Duration delay) {
        db.execute("UPDATE contract_gate_delay SET seconds = " + delay.toMillis() / 1000.0);
    }

    @Override
    protected long requestsReceived() {
        return ((Number) db.value("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM contract_gate_calls"))
                .longValue();
    }
}
