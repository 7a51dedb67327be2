package io.aihub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.broker.BrokerSettings;
import io.aihub.routes.broker.EmbeddedBroker;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagePublisherIT {

    private static final String ROUTE = "test-route";

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private ActiveMQConnectionFactory factory;
    private final EnvelopeCodec codec = new EnvelopeCodec();

    @BeforeEach
    void startBroker() throws Exception {
        broker = new EmbeddedBroker(new BrokerSettings(dataDir, "127.0.0.1", 0, 0, 0, 0, 3, 10_000, 99), 900);
        broker.start();
        broker.declareRoute(ROUTE, List.of("a", "b"));
        factory = new ActiveMQConnectionFactory(broker.inVmUrl(), broker.hubUser(), broker.hubPassword());
    }

    @AfterEach
    void stopBroker() {
        factory.close();
        broker.close();
    }

    private static PredictionEvent event(int i) {
        return TestEvents.event(ROUTE, "rec-" + i, 0.1);
    }

    private List<PredictionEvent> events(int from, int to) {
        return IntStream.range(from, to).mapToObj(PagePublisherIT::event).toList();
    }

    private List<Message> drain(String queue) throws Exception {
        List<Message> out = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            for (Message m = consumer.receive(2_000); m != null; m = consumer.receive(500)) {
                out.add(m);
            }
        }
        return out;
    }

    private Set<String> recordIds(List<Message> messages) throws Exception {
        Set<String> ids = new HashSet<>();
        for (Message m : messages) {
            ids.add(codec.read(((TextMessage) m).getText()).subject());
        }
        return ids;
    }

    @Test
    void shouldDeliverEachEventToEverySubscriberQueue() throws Exception {
        try (PagePublisher publisher = new PagePublisher(factory, ROUTE, codec)) {
            var result = publisher.publish(events(0, 50), List.of());
            assertThat(result.published()).isEqualTo(50);
        }
        Set<String> expected = new HashSet<>(events(0, 50).stream().map(PredictionEvent::subject).toList());

        for (String subscriber : List.of("a", "b")) {
            List<Message> received = drain(Addresses.subscriberFqqn(ROUTE, subscriber));
            assertThat(received).hasSize(50);
            assertThat(recordIds(received)).isEqualTo(expected);
            assertThat(received.get(0).getStringProperty(EnvelopeHeaders.ROUTE)).isEqualTo(ROUTE);
            assertThat(received.get(0).getStringProperty("JMSXGroupID")).startsWith("rec-");
        }
    }

    @Test
    void shouldPublishOnlyTheNewMessagesOfAPageThatOverlapsOneAlreadyCommitted() throws Exception {
        try (PagePublisher publisher = new PagePublisher(factory, ROUTE, codec)) {
            publisher.publish(events(0, 20), List.of());

            // After a crash between broker commit and watermark commit the page is read again, and the
            // source may have moved on: half of the re-read page is old, half is new.
            var result = publisher.publish(events(10, 30), List.of());

            assertThat(result.published()).isEqualTo(10);
            assertThat(result.duplicates()).isEqualTo(10);
        }
        List<Message> received = drain(Addresses.subscriberFqqn(ROUTE, "a"));
        Set<String> expected = new HashSet<>(events(0, 30).stream().map(PredictionEvent::subject).toList());
        assertThat(received).hasSize(30);
        assertThat(recordIds(received)).isEqualTo(expected);
    }

    @Test
    void shouldSendDeadLettersWithReasonHeadersInTheSameTransaction() throws Exception {
        SourceRecord bad = new SourceRecord("crm", "Account", "rec-bad", "v1", null, Map.of("secret", "value"),
                SourcePosition.START);
        DeadLetter letter = DeadLetter.of(ROUTE, new FailedRecord(bad,
                new PermanentException("MAPPING_MISSING_FIELD", "field Tenure_Months__c is missing"), "map"));
        try (PagePublisher publisher = new PagePublisher(factory, ROUTE, codec)) {
            var result = publisher.publish(events(0, 3), List.of(letter));
            assertThat(result.deadLetters()).isEqualTo(1);
        }

        List<Message> letters = drain(Addresses.deadLetter(ROUTE));
        assertThat(letters).hasSize(1);
        Message m = letters.get(0);
        assertThat(m.getStringProperty(EnvelopeHeaders.ERROR_CODE)).isEqualTo("MAPPING_MISSING_FIELD");
        assertThat(m.getStringProperty(EnvelopeHeaders.ERROR_CLASS)).isEqualTo(PermanentException.class.getName());
        assertThat(m.getStringProperty(EnvelopeHeaders.FAILED_STEP)).isEqualTo("map");
        assertThat(m.getStringProperty(EnvelopeHeaders.ROUTE)).isEqualTo(ROUTE);
        assertThat(m.getStringProperty(EnvelopeHeaders.RECORD_ID)).isEqualTo("rec-bad");
        assertThat(m.getStringProperty(EnvelopeHeaders.ERROR_MESSAGE)).doesNotContain("value");
        assertThat(drain(Addresses.subscriberFqqn(ROUTE, "a"))).hasSize(3);
    }
}
