package io.aihub.routes.flow;

import com.fasterxml.jackson.core.type.TypeReference;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.routes.broker.Addresses;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads records sent back through a route by {@code ./aihub dlq replay} from {@code aihub.replay.<route>}, a
 * page at a time, in a transacted session: the page is acknowledged only after the route delivered it
 * ({@link #commit()}), and goes back to the queue otherwise ({@link #rollback()}). A replayed record keeps its
 * id and version, so its event id is the one it would have had; if a crash replays it twice the broker's
 * duplicate detection drops the second event.
 *
 * <p>A lost connection (its exception listener fired, or a call failed) is discarded and the next call opens
 * a new one; the caller reports the failure to the hub's {@code BrokerLink} and waits for the broker.
 */
public final class ReplayReader implements AutoCloseable {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final ConnectionFactory factory;
    private final String queueName;
    private final EnvelopeCodec codec;
    private Connection connection;
    private Session session;
    private MessageConsumer consumer;
    private volatile boolean broken;

    public ReplayReader(ConnectionFactory factory, String routeId, EnvelopeCodec codec) {
        this.factory = factory;
        this.queueName = Addresses.replay(routeId);
        this.codec = codec;
    }

    /**
     * Takes up to {@code max} replayed records without waiting for more.
     *
     * @param position the position the page carries (the route's committed one: a replay page moves nothing)
     * @return an empty page when nothing waits
     */
    public Replay next(int max, SourcePosition position) throws JMSException {
        open();
        List<SourceRecord> records = new ArrayList<>();
        Map<String, String> replays = new LinkedHashMap<>();
        for (int i = 0; i < max; i++) {
            Message message = consumer.receiveNoWait();
            if (message == null) {
                break;
            }
            SourceRecord record = record(message, position);
            records.add(record);
            replays.put(key(record), message.getJMSMessageID());
        }
        return new Replay(new SourcePage(records, position, false), replays);
    }

    /** How {@link Replay#replays()} names a record: {@code <record id>@<version>}. */
    public static String key(SourceRecord record) {
        return record.id() + "@" + record.version();
    }

    /**
     * Replayed records as a page, and for each {@code <record id>@<version>} the id of the replay message that
     * carried it (the same if the message is delivered again after a crash).
     */
    public record Replay(SourcePage page, Map<String, String> replays) {
        public boolean isEmpty() {
            return page.isEmpty();
        }
    }

    private SourceRecord record(Message message, SourcePosition position) throws JMSException {
        if (!(message instanceof TextMessage text)) {
            throw new JMSException("replayed message is not a text message");
        }
        Map<String, Object> body = codec.mapper().convertValue(readTree(text.getText()), MAP);
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = body.get("fields") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
        Object modifiedAt = body.get("modifiedAt");
        return new SourceRecord(String.valueOf(body.get("system")), String.valueOf(body.get("entity")),
                String.valueOf(body.get("id")), String.valueOf(body.get("version")),
                modifiedAt == null ? null : Instant.parse(modifiedAt.toString()), fields, position);
    }

    private Object readTree(String json) throws JMSException {
        try {
            return codec.mapper().readTree(json);
        } catch (Exception e) {
            throw new JMSException("replayed message is not a dead-lettered record: " + e.getClass().getSimpleName());
        }
    }

    /** Acknowledges the page returned last; on failure the connection is discarded. */
    public void commit() throws JMSException {
        if (session != null) {
            try {
                session.commit();
            } catch (JMSException e) {
                close();
                throw e;
            }
        }
    }

    /** Returns the page returned last to the queue. */
    public void rollback() {
        if (session == null) {
            return;
        }
        try {
            session.rollback();
        } catch (JMSException e) {
            close();
        }
    }

    private void open() throws JMSException {
        if (broken) {
            close();
        }
        if (session != null) {
            return;
        }
        broken = false;
        try {
            connection = factory.createConnection();
            connection.setExceptionListener(e -> broken = true);
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
            consumer = session.createConsumer(session.createQueue(queueName));
            connection.start();
        } catch (JMSException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException e) {
            // closing after a failure: nothing left to release
        } finally {
            connection = null;
            session = null;
            consumer = null;
        }
    }
}
