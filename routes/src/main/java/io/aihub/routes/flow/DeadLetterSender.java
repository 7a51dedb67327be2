package io.aihub.routes.flow;

import io.aihub.api.envelope.EnvelopeHeaders;
import io.aihub.api.error.AihubException;
import io.aihub.routes.broker.Addresses;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

/**
 * Sends dead letters to a route's dead-letter queue within the caller's session (and so within its
 * transaction). Reason headers: {@code aihubErrorCode}, {@code aihubErrorClass}, {@code aihubErrorMessage}
 * (never payload values), {@code aihubFailedStep}, {@code aihubRoute}.
 */
public final class DeadLetterSender {

    private final Session session;
    private final String routeId;
    private final EnvelopeCodec codec;
    private final Queue queue;
    private MessageProducer producer;

    public DeadLetterSender(Session session, String routeId, EnvelopeCodec codec) throws JMSException {
        this.session = session;
        this.routeId = routeId;
        this.codec = codec;
        this.queue = session.createQueue(Addresses.deadLetter(routeId));
    }

    public Queue queue() {
        return queue;
    }

    /** Builds the message for a dead letter without sending it. */
    public Message message(DeadLetter letter) throws JMSException {
        TextMessage message = session.createTextMessage(codec.writeJson(letter.body()));
        message.setStringProperty(EnvelopeHeaders.SOURCE_SYSTEM, letter.system());
        message.setStringProperty(EnvelopeHeaders.ENTITY, letter.entity());
        message.setStringProperty(EnvelopeHeaders.RECORD_ID, letter.recordId());
        reason(message, letter.error(), letter.step());
        message.setStringProperty(PagePublisher.DUPLICATE_ID, letter.id());
        return message;
    }

    /** Sends a dead letter in the session's transaction. */
    public void send(DeadLetter letter) throws JMSException {
        producer().send(queue, message(letter));
    }

    /**
     * Moves a message that is not a valid prediction event to the dead-letter queue, keeping its body and
     * properties and adding the reason.
     */
    public void sendInvalid(Message original, String subscriber, Exception error) throws JMSException {
        String body = original instanceof TextMessage text ? text.getText() : null;
        TextMessage copy = session.createTextMessage(body);
        var names = original.getPropertyNames();
        while (names.hasMoreElements()) {
            String name = (String) names.nextElement();
            if (!name.startsWith("JMS") && !name.startsWith("_AMQ")) {
                copy.setObjectProperty(name, original.getObjectProperty(name));
            }
        }
        String code = invalidCode(error);
        copy.setStringProperty(EnvelopeHeaders.ROUTE, routeId);
        copy.setStringProperty(EnvelopeHeaders.ERROR_CODE, code);
        copy.setStringProperty(EnvelopeHeaders.ERROR_CLASS, error.getClass().getName());
        copy.setStringProperty(EnvelopeHeaders.ERROR_MESSAGE, error instanceof AihubException
                ? error.getMessage() : "message body is not text");
        copy.setStringProperty(EnvelopeHeaders.FAILED_STEP, "receive:" + subscriber);
        producer().send(queue, copy);
    }

    /** The reason code of a message a subscriber could not read as a prediction event. */
    public static String invalidCode(Exception error) {
        return error instanceof AihubException ae ? ae.code() : "MESSAGE_NOT_TEXT";
    }

    private void reason(Message message, AihubException error, String step) throws JMSException {
        message.setStringProperty(EnvelopeHeaders.ROUTE, routeId);
        message.setStringProperty(EnvelopeHeaders.ERROR_CODE, error.code());
        message.setStringProperty(EnvelopeHeaders.ERROR_CLASS, error.getClass().getName());
        message.setStringProperty(EnvelopeHeaders.ERROR_MESSAGE, error.getMessage());
        message.setStringProperty(EnvelopeHeaders.FAILED_STEP, step);
    }

    private MessageProducer producer() throws JMSException {
        if (producer == null) {
            producer = session.createProducer(null);
        }
        return producer;
    }
}
