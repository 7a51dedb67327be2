package io.aihub.bench;

import io.aihub.api.envelope.EnvelopeHeaders;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToIntFunction;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * A business subscriber of the webhook run: one JMS connection over the broker's CORE port with its own broker
 * login, one consumer on its queue, {@code acknowledge()} per message. It stamps {@link System#nanoTime()} as each
 * prediction arrives and files it under the event index of the prediction's record id (message property
 * {@link EnvelopeHeaders#RECORD_ID}, read by {@link OpenLoopSender#indexOf}); a second prediction for the same event
 * counts as a duplicate, one for no event of the run as unexpected.
 */
final class ReceiptRecorder implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final String queue;
    private final ToIntFunction<String> indexOf;
    private final AtomicLongArray receivedAt;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;
    private Connection connection;

    /**
     * @param url      the broker URL, e.g. {@code tcp://127.0.0.1:61616}
     * @param user     the business system's broker user
     * @param password its password
     * @param queue    the queue, fully qualified ({@code address::queue})
     * @param indexOf  the event index of a record id, -1 for none of the run
     * @param events   the events of the run
     */
    ReceiptRecorder(String url, String user, String password, String queue, ToIntFunction<String> indexOf,
            int events) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.queue = queue;
        this.indexOf = indexOf;
        this.receivedAt = new AtomicLongArray(events);
        this.thread = new Thread(this::consume, "bench-webhook-subscriber");
        this.thread.setDaemon(true);
    }

    /** Connects and starts receiving. */
    void start() throws JMSException {
        connection = new ActiveMQConnectionFactory(url, user, password).createConnection();
        connection.start();
        thread.start();
    }

    private void consume() {
        try (Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            while (running) {
                Message message = consumer.receive(200);
                if (message == null) {
                    continue;
                }
                long now = System.nanoTime();
                int index = indexOf.applyAsInt(message.getStringProperty(EnvelopeHeaders.RECORD_ID));
                if (index < 0 || index >= receivedAt.length()) {
                    unexpected.incrementAndGet();
                } else if (receivedAt.compareAndSet(index, 0, now)) {
                    received.incrementAndGet();
                } else {
                    duplicates.incrementAndGet();
                }
                message.acknowledge();
            }
        } catch (Exception e) {
            if (running) {
                failure = e;
            }
        }
    }

    /** Distinct events received so far. */
    long received() {
        return received.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    long unexpected() {
        return unexpected.get();
    }

    /** When the prediction of event {@code index} arrived, 0 while it has not. */
    long receivedAt(int index) {
        return receivedAt.get(index);
    }

    /** Rethrows what stopped the consumer thread, if anything did. */
    void check() throws Exception {
        Exception e = failure;
        if (e != null) {
            throw e;
        }
    }

    @Override
    public void close() {
        running = false;
        AckingConsumer.stop(thread, connection);
    }
}
