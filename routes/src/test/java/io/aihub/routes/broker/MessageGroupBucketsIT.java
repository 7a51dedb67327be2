package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's memory for message groups stays bounded: the hub groups predictions by record id, and Artemis by
 * default keeps one group entry per distinct id a queue ever dispatched, so a backlog of a million records left a
 * million entries per subscriber queue on the heap (seen in the heap-capped benchmark, issue 9). Subscriber
 * queues now hash groups into {@link EmbeddedBroker#GROUP_BUCKETS} buckets, also those an earlier version
 * declared.
 */
class MessageGroupBucketsIT {

    private static final String ROUTE = "groups-route";
    private static final String SUBSCRIBER = "bi";

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker() {
        return new EmbeddedBroker(new BrokerSettings(dataDir, "127.0.0.1", 0, 0, 0, 0, 3, 10_000, 99), 903);
    }

    @Test
    void shouldKeepNoMoreGroupsThanBucketsWhateverTheNumberOfRecords() throws Exception {
        int records = 3 * EmbeddedBroker.GROUP_BUCKETS;
        EmbeddedBroker broker = broker();
        broker.start();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.inVmUrl(), broker.hubUser(),
                broker.hubPassword());
                Connection connection = factory.createConnection()) {
            broker.declareRoute(ROUTE, List.of(SUBSCRIBER));
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(
                    session.createQueue(Addresses.subscriberFqqn(ROUTE, SUBSCRIBER)));
            MessageProducer producer = session.createProducer(session.createTopic(Addresses.predictions(ROUTE)));
            producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
            for (int i = 0; i < records; i++) {
                TextMessage message = session.createTextMessage("prediction " + i);
                message.setStringProperty("JMSXGroupID", "record-" + i);
                producer.send(message);
            }
            for (int i = 0; i < records; i++) {
                assertThat(consumer.receive(10_000)).as("message %d", i).isNotNull();
            }

            Queue queue = queue(broker);
            assertThat(queue.getGroupBuckets()).isEqualTo(EmbeddedBroker.GROUP_BUCKETS);
            assertThat(queue.getGroupCount()).isPositive().isLessThanOrEqualTo(EmbeddedBroker.GROUP_BUCKETS);
        } finally {
            broker.close();
        }
    }

    @Test
    void shouldBoundTheGroupsOfASubscriberQueueAnEarlierVersionDeclared() throws Exception {
        String name = Addresses.subscriberQueue(ROUTE, SUBSCRIBER);
        EmbeddedBroker earlier = broker();
        earlier.start();
        try {
            String predictions = Addresses.predictions(ROUTE);
            earlier.server().addAddressInfo(new AddressInfo(
                    SimpleString.of(predictions)).addRoutingType(RoutingType.MULTICAST));
            earlier.server().createQueue(QueueConfiguration.of(name).setAddress(predictions)
                    .setRoutingType(RoutingType.MULTICAST).setGroupBuckets(-1).setDurable(true));
        } finally {
            earlier.close();
        }

        EmbeddedBroker upgraded = broker();
        upgraded.start();
        try {
            assertThat(queue(upgraded).getGroupBuckets()).as("as the earlier version left it").isEqualTo(-1);
            upgraded.declareRoute(ROUTE, List.of(SUBSCRIBER));
            assertThat(queue(upgraded).getGroupBuckets()).isEqualTo(EmbeddedBroker.GROUP_BUCKETS);
        } finally {
            upgraded.close();
        }

        EmbeddedBroker restarted = broker();
        restarted.start();
        try {
            assertThat(queue(restarted).getGroupBuckets()).as("stored, before any declaration")
                    .isEqualTo(EmbeddedBroker.GROUP_BUCKETS);
        } finally {
            restarted.close();
        }
    }

    private static Queue queue(EmbeddedBroker broker) {
        return broker.server().locateQueue(SimpleString.of(Addresses.subscriberQueue(ROUTE, SUBSCRIBER)));
    }
}
