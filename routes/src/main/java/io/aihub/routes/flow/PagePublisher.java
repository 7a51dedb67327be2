package io.aihub.routes.flow;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.error.RetriableException;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.broker.BrokerLink;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one scored page in one JMS transaction: a prediction event per scored record to the route's
 * multicast predictions address, and a dead letter per failed record to the route's dead-letter queue.
 *
 * <p>Every message carries {@code _AMQ_DUPL_ID}. Artemis ignores a whole transaction that holds a
 * duplicate, which happens when a page is re-read after a crash between the broker commit and the
 * watermark commit; the publisher then sends that page one message per transaction, so the duplicates are
 * dropped one by one and the new messages of the page still go through.
 *
 * <p>When the connection is lost, the publisher discards it, reports it to the {@link BrokerLink}, and fails
 * the page with a {@link RetriableException}; the next publish opens a new connection. A commit that fails
 * is either known to be rolled back ({@code BROKER_TX_ROLLED_BACK}) or of unknown outcome
 * ({@code BROKER_COMMIT_OUTCOME_UNKNOWN}: the broker may have committed just before the connection died).
 * Both are handled alike: the source does not commit its position, re-reads the page and publishes it again,
 * and duplicate detection drops whatever the broker already committed.
 *
 * <p>Not thread-safe: one publisher per polling route.
 */
public final class PagePublisher implements AutoCloseable {

    /** Artemis' duplicate-detection property. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    /** Error code of a failed page when the broker may have committed it (the connection died in commit). */
    public static final String COMMIT_OUTCOME_UNKNOWN = "BROKER_COMMIT_OUTCOME_UNKNOWN";
    /** Error code of a failed page whose transaction the broker rolled back (e.g. after a failover). */
    public static final String TX_ROLLED_BACK = "BROKER_TX_ROLLED_BACK";
    /** Error code of a failed page that the broker did not take (unreachable, or refused the send). */
    public static final String UNAVAILABLE = "BROKER_UNAVAILABLE";
    private static final Logger LOG = LoggerFactory.getLogger(PagePublisher.class);

    private final ConnectionFactory connectionFactory;
    private final String routeId;
    private final EnvelopeCodec codec;
    private final BrokerLink link;
    private volatile boolean broken;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private Destination predictions;
    private Destination deadLetters;
    private DeadLetterSender deadLetterSender;

    public PagePublisher(ConnectionFactory connectionFactory, String routeId, EnvelopeCodec codec) {
        this(connectionFactory, routeId, codec, null);
    }

    /** @param link where lost connections are reported, or null (tests without one) */
    public PagePublisher(ConnectionFactory connectionFactory, String routeId, EnvelopeCodec codec, BrokerLink link) {
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.routeId = Objects.requireNonNull(routeId, "routeId");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.link = link;
    }

    /**
     * What a publish call delivered.
     *
     * @param newEvents  prediction events newly accepted by the broker
     * @param newLetters dead letters newly accepted by the broker
     * @param duplicates messages the broker had already accepted before (re-read page)
     */
    public record Result(List<PredictionEvent> newEvents, List<DeadLetter> newLetters, int duplicates) {

        public Result {
            newEvents = List.copyOf(newEvents);
            newLetters = List.copyOf(newLetters);
        }

        /** Prediction events newly accepted by the broker. */
        public int published() {
            return newEvents.size();
        }

        /** Dead letters newly accepted by the broker. */
        public int deadLetters() {
            return newLetters.size();
        }
    }

    /**
     * Sends the page's messages and commits. Returns only once the broker has committed them.
     *
     * @throws RetriableException when the broker is unreachable or refuses the send; nothing was committed
     */
    public Result publish(List<PredictionEvent> events, List<DeadLetter> letters) {
        if (events.isEmpty() && letters.isEmpty()) {
            return new Result(List.of(), List.of(), 0);
        }
        boolean committing = false;
        try {
            ensureOpen();
            List<Message> predictionMessages = new ArrayList<>(events.size());
            for (PredictionEvent event : events) {
                predictionMessages.add(predictionMessage(event));
            }
            List<Message> letterMessages = new ArrayList<>(letters.size());
            for (DeadLetter letter : letters) {
                letterMessages.add(deadLetterSender.message(letter));
            }
            try {
                sendAll(predictionMessages, predictions);
                sendAll(letterMessages, deadLetters);
                committing = true;
                session.commit();
                return new Result(events, letters, 0);
            } catch (JMSException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
                committing = false;
                rollbackQuietly();
                LOG.info("AIHUB-PUBLISH-0002 route {}: page holds messages the broker already has (re-read after "
                        + "restart); sending it message by message", routeId);
                committing = true;
                List<PredictionEvent> newEvents = accepted(events, sendOneByOne(predictionMessages, predictions));
                List<DeadLetter> newLetters = accepted(letters, sendOneByOne(letterMessages, deadLetters));
                int duplicates = events.size() - newEvents.size() + letters.size() - newLetters.size();
                return new Result(newEvents, newLetters, duplicates);
            }
        } catch (JMSException | RuntimeException e) {
            closeQuietly();
            String code = failureCode(e, committing);
            if (link != null) {
                link.check("publisher of route " + routeId, e);
            }
            throw new RetriableException(code, "route " + routeId + ": could not publish page to the broker"
                    + (code.equals(COMMIT_OUTCOME_UNKNOWN) ? " (commit outcome unknown: the page is published again"
                            + " and duplicate detection drops what the broker already has)" : "")
                    + ": " + brokerReason(e), e);
        }
    }

    /**
     * Classifies a publish failure. Artemis reports a commit lost in a failover as
     * {@code TransactionRolledBackException} (nothing committed) or
     * {@code ActiveMQTransactionOutcomeUnknownException}; any other failure during commit also leaves the
     * outcome unknown. The source handles all three alike (re-read, re-send, duplicates dropped); the code
     * only tells the operator which it was.
     */
    static String failureCode(Throwable e, boolean committing) {
        for (Throwable t = e; t != null; t = next(t)) {
            String name = t.getClass().getSimpleName();
            if (name.equals("TransactionRolledBackException") || name.equals("ActiveMQTransactionRolledBackException")) {
                return TX_ROLLED_BACK;
            }
            if (name.equals("ActiveMQTransactionOutcomeUnknownException")) {
                return COMMIT_OUTCOME_UNKNOWN;
            }
        }
        return committing ? COMMIT_OUTCOME_UNKNOWN : UNAVAILABLE;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof JMSException jms && jms.getLinkedException() != null && jms.getLinkedException() != t
                && jms.getLinkedException() != t.getCause()) {
            return jms.getLinkedException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private void sendAll(List<Message> messages, Destination destination) throws JMSException {
        for (Message message : messages) {
            producer.send(destination, message);
        }
    }

    private static <T> List<T> accepted(List<T> items, boolean[] accepted) {
        List<T> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            if (accepted[i]) {
                out.add(items.get(i));
            }
        }
        return out;
    }

    /** Sends and commits each message alone; returns which ones the broker accepted (not duplicates). */
    private boolean[] sendOneByOne(List<Message> messages, Destination destination) throws JMSException {
        boolean[] accepted = new boolean[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            try {
                producer.send(destination, message);
                session.commit();
                accepted[i] = true;
            } catch (JMSException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
                rollbackQuietly();
            }
        }
        return accepted;
    }

    private Message predictionMessage(PredictionEvent event) throws JMSException {
        TextMessage message = session.createTextMessage(codec.write(event));
        var data = event.data();
        message.setStringProperty(EnvelopeHeaders.ROUTE, routeId);
        message.setStringProperty(EnvelopeHeaders.MODEL, data.prediction().model());
        message.setStringProperty(EnvelopeHeaders.MODEL_VERSION, data.prediction().modelVersion());
        message.setStringProperty(EnvelopeHeaders.SOURCE_SYSTEM, data.source().system());
        message.setStringProperty(EnvelopeHeaders.ENTITY, data.source().entity());
        message.setStringProperty(EnvelopeHeaders.RECORD_ID, data.source().id());
        message.setStringProperty(EnvelopeHeaders.EVENT_ID, event.id());
        message.setStringProperty("JMSXGroupID", data.source().id());
        message.setStringProperty(DUPLICATE_ID, event.id());
        message.setJMSType(PredictionEvent.TYPE);
        return message;
    }

    private void ensureOpen() throws JMSException {
        if (broken) {
            closeQuietly();
        }
        if (session != null) {
            return;
        }
        broken = false;
        connection = connectionFactory.createConnection();
        connection.setExceptionListener(e -> {
            broken = true;
            if (link != null) {
                link.connectionLost("publisher of route " + routeId, e);
            }
        });
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        predictions = session.createTopic(Addresses.predictions(routeId));
        deadLetterSender = new DeadLetterSender(session, routeId, codec);
        deadLetters = deadLetterSender.queue();
    }

    private static boolean isDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().contains("DuplicateId")
                    || (t.getMessage() != null && t.getMessage().contains("Duplicate message detected"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The broker's reason without the message dump Artemis appends (which names record ids and headers).
     */
    static String brokerReason(Exception e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int dump = text.indexOf("Message information");
        if (dump >= 0) {
            text = text.substring(0, dump).trim();
        }
        return e.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
    }

    private void rollbackQuietly() {
        try {
            session.rollback();
        } catch (JMSException e) {
            LOG.debug("rollback after a duplicate on route {} failed", routeId, e);
        }
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                LOG.debug("closing broker connection of route {} failed", routeId, e);
            }
        }
        connection = null;
        session = null;
        producer = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
