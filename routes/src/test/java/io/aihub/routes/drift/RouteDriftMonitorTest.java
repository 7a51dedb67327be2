package io.aihub.routes.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.model.Prediction;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.model.LoadedModel;
import io.aihub.model.ModelRegistry;
import io.aihub.routes.flow.EnvelopeCodec;
import io.aihub.routes.flow.ScoredPage;
import io.aihub.routes.flow.ScoredRecord;
import io.aihub.routes.store.DriftReportTable;
import io.aihub.routes.store.HubDatabase;
import io.aihub.simulators.crm.salesforce.AccountGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Windows close by record count or by age, per model version, and leave fallback records out. */
class RouteDriftMonitorTest {

    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

    private HubDatabase database;
    private LoadedModel churn;
    private MutableClock clock;

    @BeforeEach
    void open() {
        database = HubDatabase.open("jdbc:h2:mem:drift" + System.nanoTime() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
                "sa", "");
        churn = ModelRegistry.load(MODELS, "churn", null);
        clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
    }

    @AfterEach
    void close() {
        churn.close();
        database.close();
    }

    private RouteDriftMonitor monitor(DriftSettings settings) {
        // No broker: a drift event cannot be published, which the monitor logs; the rows are written first.
        return new RouteDriftMonitor("r", "churn", version -> churn, Map.of(), settings,
                new DriftReportTable(database.dataSource()),
                new DriftEventPublisher(new ActiveMQConnectionFactory("vm://404"), new EnvelopeCodec().mapper()),
                clock);
    }

    private ScoredPage page(int from, int count, String fallback) {
        List<SourceRecord> records = new ArrayList<>();
        List<ScoredRecord> scored = new ArrayList<>();
        AccountGenerator generator = new AccountGenerator(42L);
        for (int i = from; i < from + count; i++) {
            var account = generator.account(i);
            SourceRecord record = new SourceRecord("crm", "Account", account.id(), "v1", null, account.fields(),
                    SourcePosition.START);
            records.add(record);
            scored.add(new ScoredRecord(record, Map.of(), new Prediction("no", 0.2, Map.of(), null), "0".repeat(64),
                    1, null, fallback, List.of()));
        }
        return new ScoredPage(new SourcePage(records, SourcePosition.START, false, -1), churn.backend().metadata(),
                scored, List.of());
    }

    private List<Integer> windowSizes() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        try (Connection c = database.connection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT records, COUNT(*) FROM drift_reports GROUP BY window_end, records"
                        + " ORDER BY window_end")) {
            while (rs.next()) {
                assertThat(rs.getInt(2)).as("rows per window: 8 features and the score").isEqualTo(9);
                sizes.add(rs.getInt(1));
            }
        }
        return sizes;
    }

    @Test
    void shouldCloseAWindowOnceItHoldsEnoughRecords() throws Exception {
        RouteDriftMonitor monitor = monitor(new DriftSettings(250, 0, 250, 0.2));
        for (int p = 0; p < 6; p++) {
            monitor.observe(page(p * 100, 100, null));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(windowSizes()).containsExactly(300, 300);
    }

    @Test
    void shouldCloseAnOldWindowWithEnoughRecordsAndLeaveFallbacksOut() throws Exception {
        RouteDriftMonitor monitor = monitor(new DriftSettings(10_000, 60, 150, 0.2));
        monitor.observe(page(0, 100, null));
        monitor.observe(page(100, 500, "default-score: MODEL_TIMEOUT"));
        clock.advance(Duration.ofSeconds(61));
        monitor.observe(page(600, 20, null));
        assertThat(windowSizes()).as("120 records: too few to close by age").isEmpty();
        monitor.observe(page(620, 40, null));
        assertThat(windowSizes()).containsExactly(160);
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
