package io.aihub.bench;

import io.aihub.api.envelope.InstantText;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A plain business-system subscriber: one JMS connection over the broker's CORE port, one consumer on a
 * queue, and an acknowledgement of each message ({@code CLIENT_ACKNOWLEDGE}, {@code acknowledge()} per
 * message). Optionally records, per message, the latency from the event's {@code time} and from its
 * {@code data.source.modifiedAt} (the bench source stamps the poll instant there) to receipt.
 */
final class AckingConsumer implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String queue;
    private final long expected;
    private final LatencyHistogram fromEventTime;
    private final LatencyHistogram fromPoll;
    private final Thread thread;
    private volatile long received;
    private volatile long lastAckNanos;
    private volatile long firstReceiveNanos;
    private volatile boolean running = true;
    private volatile Exception failure;
    private Connection connection;

    /**
     * @param url      the broker URL, e.g. {@code tcp://127.0.0.1:61616}
     * @param user     the business system's broker user
     * @param password its password
     * @param queue    the queue, fully qualified ({@code address::queue})
     * @param expected how many messages to receive before it stops
     * @param latency  whether to record latencies (the hub run) or not (raw JMS)
     */
    AckingConsumer(String url, String user, String password, String queue, long expected, boolean latency) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.queue = queue;
        this.expected = expected;
        this.fromEventTime = latency ? new LatencyHistogram() : null;
        this.fromPoll = latency ? new LatencyHistogram() : null;
        this.thread = new Thread(this::consume, "bench-consumer-" + queue);
        this.thread.setDaemon(true);
    }

    /** Connects and starts receiving; returns once the consumer is attached. */
    void start() throws JMSException {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url, user, password);
        connection = factory.createConnection();
        connection.start();
        thread.start();
    }

    private void consume() {
        try (Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (running && received < expected) {
                Message message = consumer.receive(200);
                if (message == null) {
                    continue;
                }
                if (firstReceiveNanos == 0) {
                    firstReceiveNanos = System.nanoTime();
                }
                if (fromEventTime != null && message instanceof TextMessage text) {
                    Instant now = Instant.now();
                    String body = text.getText();
                    fromEventTime.add(micros(field(body, "\"time\":\""), now));
                    fromPoll.add(micros(field(body, "\"modifiedAt\":\""), now));
                }
                message.acknowledge();
                lastAckNanos = System.nanoTime();
                received++;
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private static String field(String body, String marker) {
        int start = body.indexOf(marker);
        if (start < 0) {
            return null;
        }
        start += marker.length();
        return body.substring(start, body.indexOf('"', start));
    }

    private static long micros(String instant, Instant now) {
        return instant == null ? 0 : Duration.between(InstantText.parse(instant), now).toNanos() / 1000;
    }

    long received() {
        return received;
    }

    long lastAckNanos() {
        return lastAckNanos;
    }

    long firstReceiveNanos() {
        return firstReceiveNanos;
    }

    LatencyHistogram fromEventTime() {
        return fromEventTime;
    }

    LatencyHistogram fromPoll() {
        return fromPoll;
    }

    /** Waits up to {@code timeout} for all expected messages; rethrows a failure of the consumer thread. */
    boolean await(Duration timeout) throws Exception {
        thread.join(Math.max(1, timeout.toMillis()));
        if (failure != null) {
            throw failure;
        }
        return received >= expected;
    }

    /** True once all expected messages are acknowledged (or the consumer failed). */
    boolean done() {
        return received >= expected || failure != null || !thread.isAlive();
    }

    @Override
    public void close() {
        running = false;
        stop(thread, connection);
    }

    /**
     * Waits up to 2 s for a consumer's receive loop, which {@code running = false} ends, then closes its
     * connection (null when it never opened); shared with {@link ReceiptRecorder}.
     */
    static void stop(Thread thread, jakarta.jms.Connection connection) {
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                // closing at the end of a run; nothing to recover
            }
        }
    }
}
