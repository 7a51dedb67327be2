package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.envelope.EventIds;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub as a child process over a simulated Salesforce org, stopped at random moments: SIGKILL and SIGTERM
 * alternating, restarted each time. At the end the BI table holds exactly one row per expected event (record
 * id and version), and the business-system queue holds each event exactly once, read by a consumer that does
 * no de-duplication of its own. Size: {@code -Daihub.it.kill.accounts} (default 10,000) and
 * {@code -Daihub.it.kill.rounds} (default 4; the large run is 50,000 accounts and 5 rounds).
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class HubKillIT {

    private static final String ROUTE = "crm-account-churn";
    private static final int ACCOUNTS = Integer.getInteger("aihub.it.kill.accounts", 10_000);
    private static final int ROUNDS = Integer.getInteger("aihub.it.kill.rounds", 4);
    private static final java.util.regex.Pattern PULLED = java.util.regex.Pattern.compile("progress: pulled=(\\d+) ");

    @TempDir
    Path workDir;

    private Process startHub(SalesforceSimulator crm, int corePort, Path log, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daihub.logDir=" + workDir.resolve("logs"),
                "-cp", System.getProperty("java.class.path"),
                "io.aihub.routes.cli.AihubCli", "run", "--progress-interval", "PT0.5S",
                "-Daihub.simulators.enabled=false",
                "-Daihub.routes.enabled=crm-account-churn", "-Daihub.connectors=crm", "-Daihub.models=churn",
                "-Dcamel.server.port=" + HubHarness.freePort(),
                "-Daihub.connector.crm.loginUrl=" + crm.baseUrl(),
                "-Daihub.models.dir=" + HubHarness.MODELS,
                "-Daihub.broker.corePort=" + corePort,
                "-Daihub.broker.amqpPort=0", "-Daihub.broker.stompPort=0", "-Daihub.broker.mqttPort=0",
                "-Dcamel.management.port=" + HubHarness.freePort()));
        command.addAll(List.of(extra));
        ProcessBuilder hub = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(log.toFile())
                .redirectErrorStream(true);
        hub.environment().putAll(TestBrokerUsers.environment());
        return hub.start();
    }

    /** The last 40 lines of a hub's output, so a failure shows where that hub was. */
    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private static long lastPulled(Path log) throws IOException {
        long pulled = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = PULLED.matcher(line);
            if (m.lookingAt()) {
                pulled = Long.parseLong(m.group(1));
            }
        }
        return pulled;
    }

    @Test
    void killedAndRestartedHubShouldLoseNothingAndDuplicateNothing() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(ACCOUNTS).seed(77L).build()) {
            crm.start();
            Set<String> expectedEvents = new HashSet<>();
            Map<String, String> recordOfEvent = new HashMap<>();
            for (String id : crm.accountIds()) {
                String version = (String) crm.account(id).get("SystemModstamp");
                String event = EventIds.of(ROUTE, "crm", "Account", id, version, "1.0.0");
                expectedEvents.add(event);
                recordOfEvent.put(event, id);
            }
            Random random = new Random(20261122L);
            for (int round = 0; round < ROUNDS; round++) {
                Path log = workDir.resolve("round-" + round + ".txt");
                Process hub = startHub(crm, HubHarness.freePort(), log);
                try {
                    // The random moment: once this run has delivered a random number of records.
                    long target = 1 + random.nextInt(ACCOUNTS / (ROUNDS + 1));
                    try {
                        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(50))
                                .until(() -> lastPulled(log) >= target || !hub.isAlive());
                    } catch (org.awaitility.core.ConditionTimeoutException e) {
                        throw new AssertionError("round " + round + ": the hub did not pull " + target
                                + " records within 3 minutes; its output ends with:\n" + tail(log), e);
                    }
                    assertThat(hub.isAlive()).as("hub still running in round %d", round).isTrue();
                    if (round % 2 == 0) {
                        hub.destroyForcibly();
                    } else {
                        hub.destroy();
                    }
                    assertThat(hub.waitFor(90, TimeUnit.SECONDS)).isTrue();
                } finally {
                    hub.destroyForcibly();
                }
            }

            int corePort = HubHarness.freePort();
            Process last = startHub(crm, corePort, workDir.resolve("final.txt"));
            List<String> received = new ArrayList<>();
            try {
                received.addAll(drainUntil(corePort, expectedEvents.size(), Duration.ofMinutes(5)));
                last.destroy();
                assertThat(last.waitFor(90, TimeUnit.SECONDS)).isTrue();
            } finally {
                last.destroyForcibly();
            }

            // The hub-internal subscribers (BI, write-back) may still hold messages: a last --once run drains them.
            Process drain = startHub(crm, HubHarness.freePort(), workDir.resolve("drain.txt"), "--once");
            try {
                assertThat(drain.waitFor(5, TimeUnit.MINUTES)).isTrue();
                assertThat(drain.exitValue()).isZero();
            } finally {
                drain.destroyForcibly();
            }

            assertThat(received).as("sales-ops deliveries").doesNotHaveDuplicates();
            assertSameEvents("sales-ops deliveries", Set.copyOf(received), expectedEvents, recordOfEvent);
            List<String> bi = biEventIds();
            assertThat(bi).as("BI rows").doesNotHaveDuplicates();
            assertSameEvents("BI rows", Set.copyOf(bi), expectedEvents, recordOfEvent);
            List<String> writes = new ArrayList<>();
            crm.writeLog().forEach(w -> writes.add(w.recordId()));
            assertThat(Set.copyOf(writes)).as("every account written back").isEqualTo(crm.accountIds());
            assertThat(writes).as("each account (one version each) written exactly once").doesNotHaveDuplicates();
        }
    }

    /**
     * Receives from the sales-ops queue in transactions of up to 200 messages until {@code expected} arrived;
     * an id counts only once its transaction committed, so a broker crash can never make it count twice.
     */
    private static List<String> drainUntil(int corePort, int expected, Duration timeout) throws Exception {
        List<String> ids = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ids.size() < expected && System.nanoTime() < deadline) {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> accepts(corePort));
            try (ActiveMQConnectionFactory factory = TestBrokerUsers.salesOps("tcp://127.0.0.1:" + corePort
                    + "?reconnectAttempts=0");
                    Connection connection = factory.createConnection()) {
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(
                        session.createQueue(Addresses.subscriberFqqn(ROUTE, "sales-ops")));
                List<String> batch = new ArrayList<>();
                while (ids.size() < expected && System.nanoTime() < deadline) {
                    Message m = consumer.receive(1_000);
                    if (m != null) {
                        batch.add(m.getStringProperty("aihubEventId"));
                    }
                    if (batch.size() >= 200 || (m == null && !batch.isEmpty())) {
                        session.commit();
                        ids.addAll(batch);
                        batch.clear();
                    }
                }
            } catch (JMSException e) {
                // the broker was not ready yet or went away: wait for its port again
            }
        }
        return ids;
    }

    /** Fails naming how many events are missing and extra, with a few record ids of each. */
    private void assertSameEvents(String what, Set<String> actual, Set<String> expected, Map<String, String> records)
            throws IOException {
        Set<String> missing = new HashSet<>(expected);
        missing.removeAll(actual);
        Set<String> extra = new HashSet<>(actual);
        extra.removeAll(expected);
        StringBuilder logs = new StringBuilder();
        try (var files = Files.list(workDir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                logs.append(f.getFileName()).append(": ")
                        .append(lines.isEmpty() ? "" : lines.get(lines.size() - 1)).append('\n');
            }
        }
        assertThat(missing.size() + extra.size()).as("%s: %d missing (e.g. records %s), %d extra (e.g. %s)%n%s", what,
                missing.size(), missing.stream().limit(5).map(records::get).toList(), extra.size(),
                extra.stream().limit(5).toList(), logs).isZero();
    }

    private static boolean accepts(int port) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private List<String> biEventIds() throws Exception {
        List<String> ids = new ArrayList<>();
        String url = "jdbc:h2:file:" + workDir.resolve("data/db/aihub").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (java.sql.Connection c = DriverManager.getConnection(url, "aihub", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT event_id FROM predictions")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
