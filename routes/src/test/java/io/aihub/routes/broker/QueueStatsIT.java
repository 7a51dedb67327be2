package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue depth and consumers as the metrics read them: from the embedded broker directly, and from a broker by
 * URL over its management address (here the same broker through its in-VM URL), including an unknown queue and
 * a broker reported unreachable.
 */
class QueueStatsIT {

    private static final String ROUTE = "stats-route";

    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;
    private ActiveMQConnectionFactory factory;

    @BeforeEach
    void startBroker() throws Exception {
        broker = new EmbeddedBroker(new BrokerSettings(dataDir, "127.0.0.1", 0, 0, 0, 0, 3, 10_000, 99), 901);
        broker.start();
        broker.declareRoute(ROUTE, List.of("bi", "ops"));
        factory = new ActiveMQConnectionFactory(broker.inVmUrl(), broker.hubUser(), broker.hubPassword());
        try (Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = s.createProducer(s.createTopic(Addresses.predictions(ROUTE)));
            for (int i = 0; i < 3; i++) {
                producer.send(s.createTextMessage("m" + i));
            }
        }
    }

    @AfterEach
    void stopBroker() {
        factory.close();
        broker.close();
    }

    @Test
    void embeddedAndManagedFiguresAgree() throws Exception {
        AtomicBoolean up = new AtomicBoolean(true);
        try (QueueStats embedded = new QueueStats(broker, null, null, null, Clock.systemUTC(), up::get);
                QueueStats managed = new QueueStats(null, broker.inVmUrl(), broker.hubUser(), broker.hubPassword(),
                        Clock.systemUTC(), up::get);
                Connection c = factory.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var consumer = s.createConsumer(s.createQueue(Addresses.subscriberFqqn(ROUTE, "bi")));
            String ops = Addresses.subscriberQueue(ROUTE, "ops");
            String bi = Addresses.subscriberQueue(ROUTE, "bi");

            assertThat(embedded.of(ops)).contains(new QueueStats.Snapshot(3, 0));
            assertThat(managed.of(ops)).contains(new QueueStats.Snapshot(3, 0));
            assertThat(embedded.of(bi).orElseThrow().consumers()).isEqualTo(1);
            assertThat(managed.of(bi).orElseThrow().consumers()).isEqualTo(1);
            assertThat(embedded.of("no-such-queue")).isEmpty();
            assertThat(managed.of("no-such-queue")).isEmpty();
            consumer.close();

            up.set(false);
            QueueStats unreachable = new QueueStats(null, broker.inVmUrl(), broker.hubUser(), broker.hubPassword(),
                    Clock.systemUTC(), up::get);
            assertThat(unreachable.of(ops)).as("a broker reported down is not asked").isEmpty();
            unreachable.close();
        }
    }
}
