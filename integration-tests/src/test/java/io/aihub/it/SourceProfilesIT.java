package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.HubApplication;
import io.aihub.simulators.portal.PortalEventGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example profiles ({@code examples/<source>/aihub.properties}): the hub configured with each
 * source runs {@code run --once} on the source's simulator to a summary with {@code dead_lettered=0}, and the BI
 * table holds exactly one row per record the source holds (sets compared).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SourceProfilesIT {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final int RECORDS = 1000;

    @TempDir
    Path dataDir;

    @Test
    void dataverseAccountsAreScoredStoredAndWrittenBack() throws Exception {
        Run run = runOnce("dataverse", Map.of("aihub.simulators.dataverse.accounts", String.valueOf(RECORDS)),
                app -> app.configurer().simulators().dataverse().accountIds());
        assertThat(run.summary).isEqualTo(summary(RECORDS, RECORDS));
        assertThat(run.biRows.keySet()).isEqualTo(run.expected);
        assertThat(run.biRows.values()).allMatch(n -> n == 1);
    }

    @Test
    void sapBusinessPartnersAreScoredStoredAndWrittenBack() throws Exception {
        Run run = runOnce("sap", Map.of("aihub.simulators.sap.partners", String.valueOf(RECORDS)),
                app -> app.configurer().simulators().sap().partnerKeys());
        assertThat(run.summary).isEqualTo(summary(RECORDS, RECORDS));
        assertThat(run.biRows.keySet()).isEqualTo(run.expected);
        assertThat(run.biRows.values()).allMatch(n -> n == 1);
    }

    @Test
    void erpTableRowsAreScoredStoredAndWrittenBack() throws Exception {
        Run run = runOnce("jdbc", Map.of("aihub.simulators.erp-db.customers", String.valueOf(RECORDS)),
                app -> erpIds(app));
        assertThat(run.summary).isEqualTo(summary(RECORDS, RECORDS));
        assertThat(run.biRows.keySet()).isEqualTo(run.expected);
        assertThat(run.biRows.values()).allMatch(n -> n == 1);
    }

    /** The ids of the demo ERP table, and every row written back exactly once (a score in churn_score). */
    private static Set<String> erpIds(HubApplication app) {
        String url = app.runtime().connectorSetting("erp", "url");
        Set<String> ids = new java.util.HashSet<>();
        try (Connection c = java.sql.DriverManager.getConnection(url, "aihub", "demo-password");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, churn_score FROM erp_customers")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
                assertThat(rs.getObject(2)).as("churn_score of row %s", rs.getString(1)).isNotNull();
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return ids;
    }

    @Test
    void signedPortalWebhooksAreScoredAndStored() throws Exception {
        int events = 300;
        PortalEventGenerator generator = new PortalEventGenerator(42);
        Set<String> expected = IntStream.range(0, events).mapToObj(i -> generator.event(i).recordId())
                .collect(Collectors.toSet());
        Run run = runOnce("portal", Map.of("aihub.simulators.portal.events", String.valueOf(events)),
                app -> expected);
        assertThat(run.summary).isEqualTo(summary(expected.size(), 0));
        assertThat(run.biRows.keySet()).isEqualTo(expected);
        assertThat(run.biRows.values()).allMatch(n -> n == 1);
    }

    private static String summary(int records, int writtenBack) {
        return "summary: pulled=" + records + " scored=" + records + " published=" + records + " written_back="
                + writtenBack + " bi_rows=" + records + " dead_lettered=0";
    }

    private record Run(String summary, Map<String, Integer> biRows, Set<String> expected) {
    }

    private Run runOnce(String profile, Map<String, String> extra, Function<HubApplication, Set<String>> expected)
            throws Exception {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aihub.dataDir", dataDir.resolve(profile).toString());
        props.put("aihub.broker.corePort", String.valueOf(HubHarness.freePort()));
        props.put("aihub.broker.amqpPort", "0");
        props.put("aihub.broker.stompPort", "0");
        props.put("aihub.broker.mqttPort", "0");
        props.put("camel.management.port", String.valueOf(HubHarness.freePort()));
        props.put("camel.server.port", String.valueOf(HubHarness.freePort()));
        props.put("aihub.models.dir", HubHarness.MODELS.toString());
        props.putAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HubApplication app = new HubApplication(props,
                Optional.of(EXAMPLES.resolve(profile).resolve("aihub.properties")),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        app.start();
        Map<String, Integer> rows;
        Set<String> ids;
        try {
            assertThat(app.awaitIdle(Duration.ofMinutes(3))).as("drained").isTrue();
            rows = biRowsPerRecord(app);
            ids = expected.apply(app);
        } finally {
            app.stop();
        }
        return new Run(app.totals().summaryLine(), rows, ids);
    }

    private static Map<String, Integer> biRowsPerRecord(HubApplication app) throws Exception {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = app.runtime().database().connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record_id, COUNT(*) FROM predictions GROUP BY record_id")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        return rows;
    }
}
