package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.HubApplication;
import io.aihub.routes.cli.AihubCli;
import io.aihub.routes.flow.DeadLetterQueues;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./aihub dlq list} and {@code ./aihub dlq replay}: records dead-lettered by a mapping without a default
 * are replayed after the mapping is fixed, and then appear exactly once downstream; a replayed record that
 * fails again gets a new dead letter rather than vanishing as a duplicate.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DlqReplayIT {

    private static final String ROUTE = "crm-account-churn";

    @TempDir
    Path dataDir;

    @TempDir
    Path modelsDir;

    @Test
    void replayedRecordsAreScoredExactlyOnceAfterTheMappingIsFixed() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(1000).seed(5L).build()) {
            crm.start();
            Set<String> all = crm.accountIds();
            Set<String> withoutNps = all.stream().filter(id -> crm.account(id).get("NPS__c") == null)
                    .collect(Collectors.toSet());
            assertThat(withoutNps).isNotEmpty();
            HubHarness harness = new HubHarness(dataDir, crm.baseUrl())
                    .with("aihub.models.dir", TestModels.churnWithoutNpsDefault(modelsDir).toString());
            String url = "tcp://127.0.0.1:" + harness.corePort;

            HubApplication broken = harness.application();
            broken.start();
            try {
                assertThat(broken.awaitIdle(Duration.ofMinutes(2))).isTrue();
                String listing = cli("dlq", "list", "--url", url);
                assertThat(listing).contains(ROUTE + " ", " map ", "MAPPING_MISSING_FIELD", " " + withoutNps.size() + "  ")
                        .contains("dead letters: " + withoutNps.size());

                // Replayed while the mapping is still broken: every record fails again and is dead-lettered again.
                assertThat(cli("dlq", "replay", "--url", url, "--route", ROUTE, "--reason", "MAPPING_MISSING_FIELD"))
                        .contains("replayed: records=" + withoutNps.size() + " events=0");
                assertThat(broken.awaitIdle(Duration.ofMinutes(1))).isTrue();
                assertThat(deadLetteredIds(url)).isEqualTo(withoutNps);
            } finally {
                broken.stop();
            }

            HubApplication fixed = harness.with("aihub.models.dir", HubHarness.MODELS.toString()).application();
            fixed.start();
            try {
                assertThat(fixed.awaitIdle(Duration.ofMinutes(1))).isTrue();
                assertThat(cli("dlq", "replay", "--url", url, "--route", ROUTE, "--reason", "SOME_OTHER_REASON"))
                        .contains("replayed: records=0 events=0");
                assertThat(cli("dlq", "replay", "--url", url, "--route", ROUTE))
                        .contains("replayed: records=" + withoutNps.size() + " events=0");
                assertThat(fixed.awaitIdle(Duration.ofMinutes(1))).isTrue();

                Map<String, Integer> rows = CrmAccountChurnIT.biRowsPerRecord(fixed);
                assertThat(rows.keySet()).isEqualTo(all);
                assertThat(rows.values()).allMatch(n -> n == 1);
                assertThat(deadLetteredIds(url)).isEmpty();
                assertThat(fixed.totals().published()).isEqualTo(withoutNps.size());
                assertThat(cli("dlq", "replay", "--url", url, "--route", ROUTE))
                        .contains("replayed: records=0 events=0");
            } finally {
                fixed.stop();
            }
        }
    }

    @Test
    void eventsTheBrokerDeadLetteredGoBackToTheirSubscriberQueue() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(200).seed(6L).build()) {
            crm.start();
            HubHarness harness = new HubHarness(dataDir, crm.baseUrl());
            String url = "tcp://127.0.0.1:" + harness.corePort;
            String salesOps = io.aihub.routes.broker.Addresses.subscriberFqqn(ROUTE, "sales-ops");
            HubApplication app = harness.application();
            app.start();
            try (ActiveMQConnectionFactory factory = TestBrokerUsers.salesOps(url);
                    jakarta.jms.Connection connection = factory.createConnection();
                    ActiveMQConnectionFactory hubFactory = TestBrokerUsers.hub(url);
                    jakarta.jms.Connection hubConnection = hubFactory.createConnection()) {
                assertThat(app.awaitIdle(Duration.ofMinutes(1))).isTrue();
                connection.start();
                jakarta.jms.Session session = connection.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
                // the business system reads its queue; the broker (here: the hub's user) dead-letters the event
                jakarta.jms.Session hubSession = hubConnection.createSession(true,
                        jakarta.jms.Session.SESSION_TRANSACTED);
                // A business system failed this event too often: the broker moved it to the dead-letter address,
                // marking the queue it came from.
                jakarta.jms.MessageConsumer consumer = session.createConsumer(session.createQueue(salesOps));
                jakarta.jms.TextMessage event = (jakarta.jms.TextMessage) consumer.receive(5_000);
                assertThat(event).isNotNull();
                String eventId = event.getStringProperty("aihubEventId");
                jakarta.jms.TextMessage moved = hubSession.createTextMessage(event.getText());
                moved.setStringProperty("aihubEventId", eventId);
                moved.setStringProperty("aihubRecordId", event.getStringProperty("aihubRecordId"));
                moved.setStringProperty("_AMQ_ORIG_QUEUE", io.aihub.routes.broker.Addresses.subscriberQueue(ROUTE,
                        "sales-ops"));
                hubSession.createProducer(hubSession.createQueue(io.aihub.routes.broker.Addresses.deadLetter(ROUTE)))
                        .send(moved);
                hubSession.commit();
                session.commit();
                consumer.close();

                assertThat(cli("dlq", "list", "--url", url, "--route", ROUTE))
                        .contains("deliver:" + ROUTE + ".sales-ops", DeadLetterQueues.MAX_DELIVERIES);
                assertThat(cli("dlq", "replay", "--url", url, "--route", ROUTE, "--reason",
                        DeadLetterQueues.MAX_DELIVERIES)).contains("replayed: records=0 events=1");

                List<String> received = new java.util.ArrayList<>();
                jakarta.jms.MessageConsumer again = session.createConsumer(session.createQueue(salesOps),
                        "aihubEventId = '" + eventId + "'");
                for (jakarta.jms.Message m = again.receive(5_000); m != null; m = again.receive(500)) {
                    received.add(m.getStringProperty("aihubEventId"));
                }
                session.commit();
                assertThat(received).containsExactly(eventId);
                assertThat(deadLetteredIds(url)).isEmpty();
            } finally {
                app.stop();
            }
        }
    }

    private static Set<String> deadLetteredIds(String url) throws Exception {
        try (ActiveMQConnectionFactory factory = TestBrokerUsers.hub(url)) {
            List<DeadLetterQueues.Group> groups = new DeadLetterQueues(factory).list(ROUTE);
            int total = groups.stream().mapToInt(DeadLetterQueues.Group::count).sum();
            Set<String> ids = new DeadLetterQueues(factory).recordIds(ROUTE);
            assertThat(ids).as("one dead letter per record").hasSize(total);
            return ids;
        }
    }

    private static synchronized String cli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            String[] withPassword = java.util.Arrays.copyOf(args, args.length + 1);
            withPassword[args.length] = "-Daihub.broker.password=" + TestBrokerUsers.HUB_PASSWORD;
            int exit = new CommandLine(new AihubCli()).execute(withPassword);
            assertThat(exit).as("exit code of aihub %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
