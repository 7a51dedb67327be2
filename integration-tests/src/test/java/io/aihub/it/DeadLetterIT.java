package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records that cannot be mapped go to the route's dead-letter queue with their reason while the rest of
 * each page is scored; nothing is lost and the watermark moves past them.
 */
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class DeadLetterIT {

    private static final String ROUTE = "crm-account-churn";

    @TempDir
    Path dataDir;

    @TempDir
    Path modelsDir;

    @Test
    void unmappableRecordsShouldBeDeadLetteredWithTheirReasonWhileTheRestIsScored() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(1000).seed(5L).build()) {
            crm.start();
            Set<String> all = crm.accountIds();
            Set<String> withoutNps = all.stream().filter(id -> crm.account(id).get("NPS__c") == null)
                    .collect(Collectors.toSet());
            assertThat(withoutNps).isNotEmpty();
            HubHarness harness = new HubHarness(dataDir, crm.baseUrl())
                    .with("aihub.models.dir", TestModels.churnWithoutNpsDefault(modelsDir).toString());

            HubApplication app = harness.application();
            app.start();
            try {
                assertThat(app.awaitIdle(Duration.ofMinutes(2))).isTrue();
                int bad = withoutNps.size();
                assertThat(app.totals().summaryLine()).isEqualTo("summary: pulled=1000 scored=" + (1000 - bad)
                        + " published=" + (1000 - bad) + " written_back=" + (1000 - bad) + " bi_rows=" + (1000 - bad)
                        + " dead_lettered=" + bad);
                assertThat(CrmAccountChurnIT.biRowsPerRecord(app).keySet())
                        .isEqualTo(all.stream().filter(id -> !withoutNps.contains(id)).collect(Collectors.toSet()));

                List<Message> letters = drain(harness.corePort, Addresses.deadLetter(ROUTE));
                Set<String> letterIds = new HashSet<>();
                for (Message m : letters) {
                    letterIds.add(m.getStringProperty(EnvelopeHeaders.RECORD_ID));
                    assertThat(m.getStringProperty(EnvelopeHeaders.ERROR_CODE)).isEqualTo("MAPPING_MISSING_FIELD");
                    assertThat(m.getStringProperty(EnvelopeHeaders.FAILED_STEP)).isEqualTo("map");
                    assertThat(m.getStringProperty(EnvelopeHeaders.ROUTE)).isEqualTo(ROUTE);
                    assertThat(m.getStringProperty(EnvelopeHeaders.ERROR_MESSAGE)).contains("NPS__c");
                    assertThat(((TextMessage) m).getText()).contains(m.getStringProperty(EnvelopeHeaders.RECORD_ID));
                }
                assertThat(letters).hasSize(bad);
                assertThat(letterIds).isEqualTo(withoutNps);
            } finally {
                app.stop();
            }

            HubApplication again = harness.application();
            again.start();
            try {
                assertThat(again.awaitIdle(Duration.ofMinutes(1))).isTrue();
                assertThat(again.totals().pulled()).as("dead-lettered records are not read again").isZero();
            } finally {
                again.stop();
            }
        }
    }

    private static List<Message> drain(int corePort, String queue) throws Exception {
        List<Message> out = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = TestBrokerUsers.hub("tcp://127.0.0.1:" + corePort);
                Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
            for (Message m = consumer.receive(5_000); m != null; m = consumer.receive(1_000)) {
                out.add(m);
            }
        }
        return out;
    }
}
