package io.aihub.simulators.erp.jdbc;

import io.aihub.simulators.crm.salesforce.AccountGenerator;
import io.aihub.simulators.crm.salesforce.AccountGenerator.GeneratedAccount;
import io.aihub.simulators.crm.salesforce.SalesforceDates;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates the demo table {@value #TABLE} and fills it with the accounts of {@link AccountGenerator}, so the
 * JDBC connector can be tried and tested against the same customers the Salesforce simulator serves. The SQL
 * runs on PostgreSQL and on H2 in PostgreSQL mode.
 *
 * <p>Columns: {@code id} (BIGINT primary key, the account's index + 1), {@code name}, {@code industry},
 * {@code plan}, {@code annual_revenue}, {@code employees}, {@code tenure_months}, {@code monthly_spend},
 * {@code support_cases_90d}, {@code days_since_last_login}, {@code nps} (NULL when unknown), {@code updated_at}
 * (TIMESTAMP WITH TIME ZONE, NOT NULL; seven consecutive customers share one stamp, as after a bulk load),
 * {@code row_version} (BIGINT, starts at 1), and the columns a model writes back: {@code churn_score} (DOUBLE
 * PRECISION) and {@code churn_risk} (VARCHAR). An index on {@code (updated_at, id)} serves the connector's
 * keyset poll.
 */
public final class ErpDatabaseSeeder {

    /** The demo table. */
    public static final String TABLE = "erp_customers";

    /** The columns holding the churn model's inputs, in the model's terms. */
    public static final List<String> FEATURE_COLUMNS = List.of("plan", "tenure_months", "monthly_spend",
            "support_cases_90d", "days_since_last_login", "nps");

    private static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
            + "id BIGINT PRIMARY KEY, "
            + "name VARCHAR(200) NOT NULL, "
            + "industry VARCHAR(64), "
            + "plan VARCHAR(32), "
            + "annual_revenue NUMERIC(15, 2), "
            + "employees INTEGER, "
            + "tenure_months INTEGER, "
            + "monthly_spend NUMERIC(12, 2), "
            + "support_cases_90d INTEGER, "
            + "days_since_last_login INTEGER, "
            + "nps INTEGER, "
            + "updated_at TIMESTAMP WITH TIME ZONE NOT NULL, "
            + "row_version BIGINT DEFAULT 1 NOT NULL, "
            + "churn_score DOUBLE PRECISION, "
            + "churn_risk VARCHAR(16))";
    private static final String CREATE_INDEX = "CREATE INDEX IF NOT EXISTS " + TABLE + "_updated_at_id ON " + TABLE
            + " (updated_at, id)";
    private static final String INSERT_COLUMNS = "INSERT INTO " + TABLE + " (id, name, industry, plan, annual_revenue,"
            + " employees, tenure_months, monthly_spend, support_cases_90d, days_since_last_login, nps, updated_at)";

    private final AccountGenerator generator;

    /** A seeder whose customers are those of {@code new AccountGenerator(seed)}. */
    public ErpDatabaseSeeder(long seed) {
        this.generator = new AccountGenerator(seed);
    }

    /** Creates the table and its index unless they exist. */
    public void createTable(Connection connection) throws SQLException {
        inTransaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(CREATE_TABLE);
                statement.execute(CREATE_INDEX);
            }
        });
    }

    /** Creates the table and inserts the first {@code count} customers; returns their ids. */
    public List<Long> seed(Connection connection, int count) throws SQLException {
        createTable(connection);
        return insertCustomers(connection, 0, count);
    }

    /**
     * Inserts customers {@code from} to {@code from + count - 1} with their generated stamps, in one
     * transaction; returns their ids.
     */
    public List<Long> insertCustomers(Connection connection, int from, int count) throws SQLException {
        return insert(connection, from, count, false);
    }

    /**
     * Inserts customers {@code from} to {@code from + count - 1} in one transaction, all stamped with the
     * database's {@code CURRENT_TIMESTAMP} (the transaction's start time, so they share one stamp, as a bulk
     * import would); returns their ids.
     */
    public List<Long> insertCustomersStampedNow(Connection connection, int from, int count) throws SQLException {
        return insert(connection, from, count, true);
    }

    private List<Long> insert(Connection connection, int from, int count, boolean stampNow) throws SQLException {
        String sql = INSERT_COLUMNS + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + (stampNow ? "CURRENT_TIMESTAMP" : "?") + ")";
        List<Long> ids = new ArrayList<>(count);
        inTransaction(connection, () -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                for (int index = from; index < from + count; index++) {
                    GeneratedAccount account = generator.account(index);
                    long id = index + 1L;
                    bind(insert, id, account.fields(), stampNow);
                    insert.addBatch();
                    ids.add(id);
                    if (ids.size() % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
        });
        return ids;
    }

    private static void bind(PreparedStatement insert, long id, Map<String, Object> f, boolean stampNow)
            throws SQLException {
        insert.setLong(1, id);
        insert.setString(2, (String) f.get("Name"));
        insert.setString(3, (String) f.get("Industry"));
        insert.setString(4, (String) f.get("Plan__c"));
        insert.setBigDecimal(5, BigDecimal.valueOf((Double) f.get("AnnualRevenue")));
        insert.setInt(6, (Integer) f.get("NumberOfEmployees"));
        insert.setInt(7, whole(f.get("Tenure_Months__c")));
        insert.setBigDecimal(8, BigDecimal.valueOf((Double) f.get("Monthly_Spend__c")));
        insert.setInt(9, whole(f.get("Support_Cases_90d__c")));
        insert.setInt(10, whole(f.get("Days_Since_Last_Login__c")));
        if (f.get("NPS__c") == null) {
            insert.setNull(11, Types.INTEGER);
        } else {
            insert.setInt(11, whole(f.get("NPS__c")));
        }
        if (!stampNow) {
            insert.setObject(12, OffsetDateTime.ofInstant(SalesforceDates.parse((String) f.get("SystemModstamp")),
                    ZoneOffset.UTC));
        }
    }

    private static int whole(Object number) {
        return (int) Math.round((Double) number);
    }

    /** Runs {@code work} in one transaction, restoring the connection's auto-commit mode afterwards. */
    private static void inTransaction(Connection connection, SqlWork work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run() throws SQLException;
    }
}
