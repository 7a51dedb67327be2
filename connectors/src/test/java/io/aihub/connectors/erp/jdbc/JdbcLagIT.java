package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Why the source leaves the youngest rows for later. A writer's transaction stamps its row with its start time
 * ({@code CURRENT_TIMESTAMP}) but makes it visible only at commit; meanwhile another transaction commits a
 * younger row. A poll in between must not move the position past the in-flight row's stamp. With a lag longer
 * than the transaction it does not, and the row arrives after its commit; with a lag shorter than the
 * transaction (here 0) the younger row is read first and the in-flight row is never read: that is the
 * documented limit.
 */
class JdbcLagIT {

    private static final Set<String> OLD_IDS = LongStream.rangeClosed(1, 50).mapToObj(String::valueOf)
            .collect(Collectors.toSet());
    private static final Duration LAG = Duration.ofSeconds(4);

    private static TestDatabase db;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.postgres("jdbc_lag");
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @BeforeEach
    void oldRowsOnly() {
        db.execute("DROP TABLE IF EXISTS orders",
                "CREATE TABLE orders (id BIGINT PRIMARY KEY, updated_at TIMESTAMPTZ NOT NULL, status VARCHAR(16))",
                "INSERT INTO orders SELECT g, CURRENT_TIMESTAMP - INTERVAL '1 hour' + g * INTERVAL '1 second', 'old'"
                        + " FROM generate_series(1, 50) g");
    }

    @Test
    void aRowCommittedAfterAPollShouldStillBeReadWhenItsTransactionIsShorterThanTheLag() throws Exception {
        List<SourceRecord> read = new ArrayList<>();
        try (Connection inFlight = db.connect(); JdbcSourceTask task = start(LAG)) {
            OffsetDateTime inFlightStamp = insertWithoutCommit(inFlight, 1001);
            OffsetDateTime youngerStamp = insertCommitted(1002);
            assertThat(youngerStamp).isAfter(inFlightStamp);

            read.addAll(drain(task));
            assertThat(ids(read)).as("read while 1001 is in flight").isEqualTo(OLD_IDS);
            assertThat(secondsSince(youngerStamp)).as("this machine polled within the lag (premise of the test)")
                    .isLessThan(LAG.toSeconds());

            inFlight.commit();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                read.addAll(drain(task));
                return ids(read).contains("1002");
            });
        }
        List<String> order = read.stream().map(SourceRecord::id).toList();
        assertThat(order).doesNotHaveDuplicates().containsSubsequence("1001", "1002");
        assertThat(Set.copyOf(order)).isEqualTo(union(OLD_IDS, Set.of("1001", "1002")));
    }

    @Test
    void aRowWhoseTransactionOutlastsTheLagShouldBeMissedWhenAYoungerRowWasReadFirst() throws Exception {
        List<SourceRecord> read = new ArrayList<>();
        try (Connection inFlight = db.connect(); JdbcSourceTask task = start(Duration.ZERO)) {
            insertWithoutCommit(inFlight, 1001);
            insertCommitted(1002);

            read.addAll(drain(task));
            inFlight.commit();
            read.addAll(drain(task));
        }
        assertThat(ids(read)).as("1002 moved the position past 1001's stamp before 1001 committed")
                .isEqualTo(union(OLD_IDS, Set.of("1002")));
        assertThat(db.texts("SELECT id FROM orders WHERE id = 1001")).containsExactly("1001");
    }

    private static JdbcSourceTask start(Duration lag) {
        JdbcSourceTask task = new JdbcSourceConnector().createTask("orders", db.config(
                JdbcConnectionSettings.TABLE, "orders", JdbcSourceConnector.COLUMNS, "status",
                JdbcSourceConnector.BATCH_SIZE, "20", JdbcSourceConnector.LAG, lag.toMillis() + "ms"));
        task.start(SourcePosition.START);
        return task;
    }

    /** Inserts a row in an open transaction, stamped with the transaction's start time; returns the stamp. */
    private static OffsetDateTime insertWithoutCommit(Connection connection, long id) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders VALUES (?, CURRENT_TIMESTAMP,"
                + " 'in-flight') RETURNING updated_at")) {
            insert.setLong(1, id);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private static OffsetDateTime insertCommitted(long id) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO orders VALUES (?, clock_timestamp(), 'committed') RETURNING updated_at")) {
            insert.setLong(1, id);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getObject(1, OffsetDateTime.class);
            }
        }
    }

    private static double secondsSince(OffsetDateTime stamp) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT EXTRACT(EPOCH FROM CURRENT_TIMESTAMP - ?)")) {
            s.setObject(1, stamp);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getDouble(1);
            }
        }
    }

    private static List<SourceRecord> drain(JdbcSourceTask task) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            SourcePage page = task.poll();
            records.addAll(page.records());
            if (page.isEmpty() && !page.hasMore()) {
                return records;
            }
        }
        throw new AssertionError("the source did not run dry within 100 polls");
    }

    private static Set<String> ids(List<SourceRecord> records) {
        return records.stream().map(SourceRecord::id).collect(Collectors.toSet());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
