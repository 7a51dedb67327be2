package io.aihub.routes.flow;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.routes.broker.Addresses;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What {@code ./aihub dlq} does on a route's dead-letter queue {@code aihub.dlq.<route>}.
 *
 * <p>Two kinds of dead letters are replayable. A <b>record</b> the route could not map or score (step
 * {@code map} or {@code score}) goes to {@code aihub.replay.<route>}, which the route's source reads before
 * its next poll, so the record is scored again by the route as it is configured now. A <b>prediction event</b>
 * the broker moved after a subscriber failed it {@code maxDeliveryAttempts} times goes back to that
 * subscriber's queue. Each message moves in a transaction that consumes it from the dead-letter queue and
 * sends it on, so a crash moves it at most once. Messages a subscriber rejected as invalid (step
 * {@code receive:<subscriber>}) are not replayable and stay.
 */
public final class DeadLetterQueues {

    /** Reason code for prediction events the broker dead-lettered after the maximum deliveries. */
    public static final String MAX_DELIVERIES = "MAX_DELIVERIES_EXCEEDED";
    private static final String ORIGINAL_QUEUE = "_AMQ_ORIG_QUEUE";
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,100}");
    private static final int TRANSACTION_SIZE = 100;
    private static final long RECEIVE_TIMEOUT_MS = 1_000;

    private final ConnectionFactory factory;

    public DeadLetterQueues(ConnectionFactory factory) {
        this.factory = factory;
    }

    /** Dead letters of one route with the same failed step and reason. */
    public record Group(String route, String step, String code, int count, List<String> sampleRecordIds) {
    }

    /** The dead letters of a route, grouped by step and reason code, without taking them off the queue. */
    public List<Group> list(String route) throws JMSException {
        Map<List<String>, List<String>> ids = new TreeMap<>(
                java.util.Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
        browse(route, m -> ids.computeIfAbsent(List.of(step(m), code(m)), k -> new ArrayList<>()).add(recordId(m)));
        List<Group> groups = new ArrayList<>();
        ids.forEach((stepAndCode, recordIds) -> groups.add(new Group(route, stepAndCode.get(0), stepAndCode.get(1),
                recordIds.size(), List.copyOf(recordIds.subList(0, Math.min(5, recordIds.size()))))));
        return groups;
    }

    /**
     * One dead letter as an operator sees it: the reason headers, never the body.
     *
     * @param enqueuedAt when the dead letter was sent, epoch milliseconds (0 when unknown)
     */
    public record Letter(String recordId, String step, String code, String errorClass, String message,
            long enqueuedAt) {
    }

    /** The first {@code limit} dead letters of a route in queue order, without taking them off the queue. */
    public List<Letter> letters(String route, int limit) throws JMSException {
        List<Letter> letters = new ArrayList<>();
        browse(route, m -> {
            if (letters.size() < limit) {
                letters.add(new Letter(recordId(m), step(m), code(m),
                        m.getStringProperty(EnvelopeHeaders.ERROR_CLASS),
                        m.getStringProperty(EnvelopeHeaders.ERROR_MESSAGE), m.getJMSTimestamp()));
            }
        });
        return letters;
    }

    /** The record ids of every dead letter of a route, without taking them off the queue. */
    public java.util.Set<String> recordIds(String route) throws JMSException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        browse(route, m -> ids.add(recordId(m)));
        return ids;
    }

    /** What to do with each browsed dead letter. */
    private interface Visitor {
        void visit(Message message) throws JMSException;
    }

    /** Visits every message of a route's dead-letter queue without taking it off the queue. */
    private void browse(String route, Visitor visitor) throws JMSException {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            connection.start();
            QueueBrowser browser = session.createBrowser(session.createQueue(Addresses.deadLetter(route)));
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                visitor.visit((Message) messages.nextElement());
            }
        }
    }

    /** How many dead letters a replay moved, and where. */
    public record Replayed(int records, int events) {
    }

    /**
     * Moves a route's replayable dead letters back, optionally only those with one reason code.
     *
     * @param reason an {@code aihubErrorCode} such as {@code MAPPING_MISSING_FIELD}, or {@link #MAX_DELIVERIES}
     */
    public Replayed replay(String route, Optional<String> reason) throws JMSException {
        String selector = selector(reason);
        int records = 0;
        int events = 0;
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(Addresses.deadLetter(route)),
                    selector);
            MessageProducer producer = session.createProducer(null);
            connection.start();
            int inTransaction = 0;
            Message m;
            while ((m = consumer.receive(RECEIVE_TIMEOUT_MS)) != null) {
                String original = m.getStringProperty(ORIGINAL_QUEUE);
                if (original != null) {
                    // the fully qualified name of a multicast queue is reached as a topic: only that queue gets it
                    producer.send(session.createTopic(Addresses.predictions(route) + "::" + original),
                            copy(session, m));
                    events++;
                } else {
                    producer.send(session.createQueue(Addresses.replay(route)), copy(session, m));
                    records++;
                }
                if (++inTransaction == TRANSACTION_SIZE) {
                    session.commit();
                    inTransaction = 0;
                }
            }
            session.commit();
        }
        return new Replayed(records, events);
    }

    static String selector(Optional<String> reason) {
        String replayable = "(" + EnvelopeHeaders.FAILED_STEP + " IN ('map', 'score') OR " + ORIGINAL_QUEUE
                + " IS NOT NULL)";
        if (reason.isEmpty()) {
            return replayable;
        }
        String code = reason.get();
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("reason must be an error code like MAPPING_MISSING_FIELD, got '"
                    + code + "'");
        }
        if (code.equals(MAX_DELIVERIES)) {
            return ORIGINAL_QUEUE + " IS NOT NULL";
        }
        return replayable + " AND " + EnvelopeHeaders.ERROR_CODE + " = '" + code + "'";
    }

    /** A copy without the broker's routing and duplicate-id properties, so it is delivered again. */
    private static Message copy(Session session, Message original) throws JMSException {
        String body = original instanceof TextMessage text ? text.getText() : null;
        TextMessage copy = session.createTextMessage(body);
        Enumeration<?> names = original.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMS") && !name.startsWith("_AMQ") && !name.equals(DUPLICATE_ID)) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
        return copy;
    }

    /** The record id a dead letter names; a message that names none (not written by the hub) shows as "?". */
    private static String recordId(Message m) throws JMSException {
        String id = m.getStringProperty(EnvelopeHeaders.RECORD_ID);
        return id == null ? "?" : id;
    }

    private static String step(Message m) throws JMSException {
        String step = m.getStringProperty(EnvelopeHeaders.FAILED_STEP);
        if (step != null) {
            return step;
        }
        String original = m.getStringProperty(ORIGINAL_QUEUE);
        return original == null ? "unknown" : "deliver:" + original;
    }

    private static String code(Message m) throws JMSException {
        String code = m.getStringProperty(EnvelopeHeaders.ERROR_CODE);
        if (code != null) {
            return code;
        }
        return m.getStringProperty(ORIGINAL_QUEUE) != null ? MAX_DELIVERIES : "UNKNOWN";
    }
}
