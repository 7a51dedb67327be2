package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.crm.salesforce.PoisonKind;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, test 5 "Poison input": malformed records mixed into valid ones (every {@link PoisonKind}, spread over
 * the pages) are each dead-lettered once with their reason, every valid record is scored once, and the route
 * keeps running without a failed page.
 *
 * <p>Sizes: {@code -Daihub.it.poison.valid} (10,000) valid accounts and {@code -Daihub.it.poison.poison} (1,000)
 * poisoned ones, of which {@code -Daihub.it.poison.huge} (3) carry a 50 MB string; the others are spread evenly
 * over the remaining kinds. The 50 MB strings are few because each costs the simulator and the connector a
 * second of streaming on a 2-core machine; one is as good a proof of bounded memory as a thousand.
 */
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class PoisonInputIT {

    private static final String ROUTE = "crm-account-churn";
    private static final long HEAP_AFTER_RUN_LIMIT = 512L * 1024 * 1024;

    @TempDir
    Path dataDir;

    @Test
    void shouldDeadLetterEveryPoisonedRecordOnceWithItsReasonAndScoreEveryValidOne() throws Exception {
        int valid = Integer.getInteger("aihub.it.poison.valid", 10_000);
        int poison = Integer.getInteger("aihub.it.poison.poison", 1_000);
        int huge = Math.min(poison, Integer.getInteger("aihub.it.poison.huge", 3));
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(valid + poison).seed(55L).build()) {
            crm.start();
            List<String> ids = new ArrayList<>(new TreeSet<>(crm.accountIds()));
            Collections.shuffle(ids, new Random(5));
            Map<String, PoisonKind> poisoned = plant(crm, ids.subList(0, poison), huge);
            Set<String> validIds = new HashSet<>(ids.subList(poison, ids.size()));
            assertThat(poisoned.values()).as("every kind is planted").containsAll(List.of(PoisonKind.values()));

            HubHarness harness = new HubHarness(dataDir, crm.baseUrl());
            HubApplication app = harness.application();
            app.start();
            try {
                assertThat(app.awaitIdle(Duration.ofSeconds(150))).as("the hub reaches idle").isTrue();

                assertThat(app.camelContext().getRouteController().getRouteStatus(ROUTE))
                        .isEqualTo(ServiceStatus.Started);
                assertThat(app.runtime().counters().route(ROUTE).pageFailures.sum()).as("failed pages").isZero();
                assertThat(app.totals().deadLettered()).isEqualTo(poison);
                assertThat(app.totals().pulled()).isEqualTo(valid + poison);

                Map<String, Integer> biRows = CrmAccountChurnIT.biRowsPerRecord(app);
                assertThat(biRows.keySet()).as("BI record ids").isEqualTo(validIds);
                assertThat(biRows.values()).as("BI rows per record").containsOnly(1);

                Map<String, List<Map<String, String>>> letters = drainDeadLetters(harness.corePort);
                assertThat(letters.keySet()).as("dead-lettered record ids").isEqualTo(poisoned.keySet());
                letters.forEach((id, reasons) -> {
                    assertThat(reasons).as("dead letters of %s", id).hasSize(1);
                    Map<String, String> reason = reasons.get(0);
                    PoisonKind kind = poisoned.get(id);
                    assertThat(reason.get(EnvelopeHeaders.ERROR_CODE)).as("code of %s (%s)", id, kind)
                            .isEqualTo(expectedCode(kind));
                    assertThat(reason.get(EnvelopeHeaders.FAILED_STEP)).as("step of %s (%s)", id, kind)
                            .isEqualTo(expectedCode(kind).startsWith("SOURCE_") ? "read" : "map");
                    assertThat(reason.get(EnvelopeHeaders.ERROR_CLASS)).isNotBlank();
                    assertThat(reason.get(EnvelopeHeaders.ERROR_MESSAGE)).as("message of %s", id)
                            .contains(kind == PoisonKind.INVALID_UTF8 ? "UTF-8" : kind.field())
                            .doesNotContain("xxxxxxxx").doesNotContain("\"abc\"").doesNotContain("\"value\"")
                            .doesNotContain("[[");
                });
                assertThat(harness.output()).doesNotContain("xxxxxxxx");

                System.gc();
                long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                assertThat(heapUsed).as("heap in use after the run").isLessThan(HEAP_AFTER_RUN_LIMIT);
            } finally {
                app.stop();
            }
        }
    }

    /** Poisons the given accounts: the first {@code huge} with a 50 MB string, the rest round the other kinds. */
    private static Map<String, PoisonKind> plant(SalesforceSimulator crm, List<String> ids, int huge) {
        List<PoisonKind> others = new ArrayList<>(List.of(PoisonKind.values()));
        others.remove(PoisonKind.HUGE_STRING);
        Map<String, PoisonKind> planted = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            PoisonKind kind = i < huge ? PoisonKind.HUGE_STRING : others.get(i % others.size());
            crm.poison(ids.get(i), kind);
            planted.put(ids.get(i), kind);
        }
        return planted;
    }

    private static String expectedCode(PoisonKind kind) {
        return switch (kind) {
            case WRONG_TYPE_TEXT, WRONG_TYPE_OBJECT -> "MAPPING_BAD_TYPE";
            case MISSING_REQUIRED_FIELD -> "MAPPING_MISSING_FIELD";
            case NAN -> "MAPPING_BAD_VALUE";
            case DEEP_NESTING -> "SOURCE_NESTING_TOO_DEEP";
            case HUGE_STRING -> "SOURCE_FIELD_TOO_LARGE";
            case INVALID_UTF8 -> "SOURCE_INVALID_UTF8";
        };
    }

    /** Every dead letter of the route, as record id → the reason headers of each letter about it. */
    private static Map<String, List<Map<String, String>>> drainDeadLetters(int corePort) throws Exception {
        Map<String, List<Map<String, String>>> out = new HashMap<>();
        try (ActiveMQConnectionFactory factory = TestBrokerUsers.hub("tcp://127.0.0.1:" + corePort);
                Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Addresses.deadLetter(ROUTE)));
            for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(1_000)) {
                Map<String, String> reason = new HashMap<>();
                for (String header : List.of(EnvelopeHeaders.ERROR_CODE, EnvelopeHeaders.ERROR_CLASS,
                        EnvelopeHeaders.ERROR_MESSAGE, EnvelopeHeaders.FAILED_STEP)) {
                    reason.put(header, m.getStringProperty(header));
                }
                out.computeIfAbsent(m.getStringProperty(EnvelopeHeaders.RECORD_ID), k -> new ArrayList<>())
                        .add(reason);
            }
        }
        return out;
    }
}
