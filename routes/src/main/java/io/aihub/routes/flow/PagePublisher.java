package io.aihub.routes.flow;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.error.RetriableException;
import io.aihub.routes.broker.Addresses;
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
 * <p>Not thread-safe: one publisher per polling route.
 */
public final class PagePublisher implements AutoCloseable {

    /** Artemis' duplicate-detection property. */
    public static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final Logger LOG = LoggerFactory.getLogger(PagePublisher.class);

    private final ConnectionFactory connectionFactory;
    private final String routeId;
    private final EnvelopeCodec codec;
    private Connection connection;
    private Session session;
    private MessageProducer producer;
    private Destination predictions;
    private Destination deadLetters;
    private DeadLetterSender deadLetterSender;

    public PagePublisher(ConnectionFactory connectionFactory, String routeId, EnvelopeCodec codec) {
        this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        this.routeId = Objects.requireNonNull(routeId, "routeId");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /**
     * What a publish call delivered.
     *
     * @param published  prediction events newly accepted by the broker
     * @param deadLetters dead letters newly accepted by the broker
     * @param duplicates messages the broker had already accepted before (re-read page)
     */
    public record Result(int published, int deadLetters, int duplicates) {
    }

    /**
     * Sends the page's messages and commits. Returns only once the broker has committed them.
     *
     * @throws RetriableException when the broker is unreachable or refuses the send; nothing was committed
     */
    public Result publish(List<PredictionEvent> events, List<DeadLetter> letters) {
        if (events.isEmpty() && letters.isEmpty()) {
            return new Result(0, 0, 0);
        }
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
                session.commit();
                return new Result(events.size(), letters.size(), 0);
            } catch (JMSException e) {
                if (!isDuplicate(e)) {
                    throw e;
                }
                rollbackQuietly();
                LOG.info("AIHUB-PUBLISH-0002 route {}: page holds messages the broker already has (re-read after "
                        + "restart); sending it message by message", routeId);
                int newPredictions = sendOneByOne(predictionMessages, predictions);
                int newLetters = sendOneByOne(letterMessages, deadLetters);
                int duplicates = events.size() - newPredictions + letters.size() - newLetters;
                return new Result(newPredictions, newLetters, duplicates);
            }
        } catch (JMSException | RuntimeException e) {
            closeQuietly();
            throw new RetriableException("BROKER_UNAVAILABLE", "route " + routeId
                    + ": could not publish page to the broker: " + brokerReason(e), e);
        }
    }

    private void sendAll(List<Message> messages, Destination destination) throws JMSException {
        for (Message message : messages) {
            producer.send(destination, message);
        }
    }

    private int sendOneByOne(List<Message> messages, Destination destination) throws JMSException {
        int accepted = 0;
        for (Message message : messages) {
            try {
                producer.send(destination, message);
                session.commit();
                accepted++;
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
        if (session != null) {
            return;
        }
        connection = connectionFactory.createConnection();
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
