package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.simulators.erp.jdbc.ErpDatabaseSeeder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 20,000 customers (seven per updated_at stamp) read in pages of 200 from a real PostgreSQL server while a
 * writer thread inserts customers in bulk (450 per transaction, all with the transaction's one stamp) and
 * updates others (300 per transaction, one stamp each), and the source restarts once from its last position
 * midway: every customer of the table arrives, in its latest version, and no version twice.
 */
class JdbcIncrementalSyncIT {

    private static final int SEEDED = 20_000;
    private static final int ROUNDS = 4;
    private static final int INSERTS_PER_ROUND = 450;
    private static final int UPDATES_PER_ROUND = 300;
    private static final int POLLS_PER_ROUND = 6;
    private static final int RESTART_AT_POLL = 15;
    private static final int MAX_POLLS = 2_000;
    private static final Duration LAG = Duration.ofSeconds(3);

    private static TestDatabase db;

    @BeforeAll
    static void startDatabase() throws SQLException {
        db = TestDatabase.postgres("jdbc_incremental_sync");
        try (Connection c = db.connect()) {
            new ErpDatabaseSeeder(11L).seed(c, SEEDED);
        }
    }

    @AfterAll
    static void stopDatabase() {
        db.close();
    }

    @Test
    void shouldSyncTwentyThousandRowsChangingWhilePagedWithoutLossOrDuplicateVersions() throws Exception {
        Semaphore roundsAllowed = new Semaphore(0);
        Set<String> inserted = new HashSet<>();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(roundsAllowed, inserted));

        List<SourcePage> pages = new ArrayList<>();
        JdbcSourceTask task = start(SourcePosition.START);
        try {
            for (int poll = 0; poll < MAX_POLLS && !writer.isDone(); poll++) {
                if (poll % POLLS_PER_ROUND == 0) {
                    roundsAllowed.release();
                }
                if (poll == RESTART_AT_POLL) {
                    task.stop();
                    task = start(pages.get(pages.size() - 1).position());
                }
                pages.add(task.poll());
            }
            writer.get(60, TimeUnit.SECONDS);
            OffsetDateTime writerDone = db.now();
            JdbcSourceTask draining = task;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                boolean lagPassed = lagPassedSince(writerDone);
                pages.addAll(drain(draining));
                return lagPassed;
            });
        } finally {
            task.stop();
        }

        List<SourceRecord> records = pages.stream().flatMap(p -> p.records().stream()).toList();
        Set<String> versions = new HashSet<>();
        Map<String, String> latestVersion = new LinkedHashMap<>();
        for (SourceRecord record : records) {
            assertThat(versions.add(record.id() + "@" + record.version()))
                    .as("version %s of %s read once", record.version(), record.id()).isTrue();
            latestVersion.put(record.id(), record.version());
        }
        Map<String, String> tableVersions = tableVersions();
        assertThat(inserted).hasSize(ROUNDS * INSERTS_PER_ROUND);
        assertThat(tableVersions.keySet()).hasSize(SEEDED + ROUNDS * INSERTS_PER_ROUND).containsAll(inserted);
        assertThat(latestVersion.keySet()).as("ids read vs ids in the table").isEqualTo(tableVersions.keySet());
        Map<String, String> stale = new HashMap<>();
        latestVersion.forEach((id, version) -> {
            if (!version.equals(tableVersions.get(id))) {
                stale.put(id, version);
            }
        });
        assertThat(stale).as("rows whose latest version was not read").isEmpty();
        assertThat(records.size()).as("updated rows were read again").isGreaterThan(tableVersions.size());
        assertThat(straddlingStamps(pages, inserted)).as("pages split inserted rows sharing a stamp").isNotEmpty();
    }

    /** The writer: one round (a bulk insert, then a bulk update) per permit. */
    private static void write(Semaphore roundsAllowed, Set<String> inserted) {
        ErpDatabaseSeeder seeder = new ErpDatabaseSeeder(12L);
        SplittableRandom random = new SplittableRandom(13L);
        try (Connection c = db.connect()) {
            for (int round = 0; round < ROUNDS; round++) {
                if (!roundsAllowed.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the reader stopped asking for changes");
                }
                seeder.insertCustomersStampedNow(c, SEEDED + round * INSERTS_PER_ROUND, INSERTS_PER_ROUND)
                        .forEach(id -> inserted.add(String.valueOf(id)));
                Long[] ids = new Long[UPDATES_PER_ROUND];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = 1L + random.nextInt(SEEDED + (round + 1) * INSERTS_PER_ROUND);
                }
                Array idArray = c.createArrayOf("bigint", ids);
                try (PreparedStatement update = c.prepareStatement("UPDATE erp_customers SET updated_at ="
                        + " CURRENT_TIMESTAMP, row_version = row_version + 1, monthly_spend = monthly_spend + 1"
                        + " WHERE id = ANY (?)")) {
                    update.setArray(1, idArray);
                    update.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JdbcSourceTask start(SourcePosition from) {
        JdbcSourceTask task = new JdbcSourceConnector().createTask("erp", db.config(
                JdbcConnectionSettings.TABLE, ErpDatabaseSeeder.TABLE,
                JdbcSourceConnector.COLUMNS, "name, plan, monthly_spend, nps",
                JdbcSourceConnector.BATCH_SIZE, "200",
                JdbcSourceConnector.LAG, LAG.toMillis() + "ms"));
        task.start(from);
        return task;
    }

    private static List<SourcePage> drain(JdbcSourceTask task) {
        List<SourcePage> pages = new ArrayList<>();
        for (int i = 0; i < MAX_POLLS; i++) {
            SourcePage page = task.poll();
            pages.add(page);
            if (page.isEmpty() && !page.hasMore()) {
                return pages;
            }
        }
        throw new AssertionError("the source did not run dry within " + MAX_POLLS + " polls");
    }

    private static boolean lagPassedSince(OffsetDateTime since) throws SQLException {
        try (Connection c = db.connect();
                PreparedStatement s = c.prepareStatement("SELECT CURRENT_TIMESTAMP - make_interval(secs => ?) > ?")) {
            s.setDouble(1, LAG.toMillis() / 1000.0);
            s.setObject(2, since);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Every id in the table with its current updated_at as the source reports versions. */
    private static Map<String, String> tableVersions() throws SQLException {
        Map<String, String> versions = new HashMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, updated_at FROM erp_customers")) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant().toString());
            }
        }
        return versions;
    }

    /** The stamps of inserted rows shared by the last record of one page and the first of the next. */
    private static Set<String> straddlingStamps(List<SourcePage> pages, Set<String> inserted) {
        Set<String> stamps = new HashSet<>();
        for (int i = 1; i < pages.size(); i++) {
            List<SourceRecord> before = pages.get(i - 1).records();
            List<SourceRecord> after = pages.get(i).records();
            if (!before.isEmpty() && !after.isEmpty()) {
                SourceRecord last = before.get(before.size() - 1);
                SourceRecord first = after.get(0);
                if (last.version().equals(first.version()) && inserted.contains(first.id())) {
                    stamps.add(first.version());
                }
            }
        }
        return stamps;
    }
}
