package io.aihub.routes.component.subscribe;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.error.AihubException;
import io.aihub.api.error.SafeText;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.broker.BrokerLink;
import io.aihub.routes.component.ExchangeKeys;
import io.aihub.routes.component.WorkerThread;
import io.aihub.routes.flow.DeadLetter;
import io.aihub.routes.flow.DeadLetterSender;
import io.aihub.routes.observe.LogContext;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives up to {@code batchSize} messages in a transacted session, hands them to the route as one
 * {@code List<PredictionEvent>}, and commits only when the route succeeded. On failure it rolls back, and
 * the broker redelivers with back-off and, after its maximum attempts, moves the messages to the route's
 * dead-letter address: the broker is the one place subscriber batches are retried. Messages that are not
 * valid prediction events go straight to the dead-letter queue with their reason.
 *
 * <p>A lost connection (exception listener, or a failed call) is discarded and reported to the
 * {@link BrokerLink}; the consumer then waits for the link to come back and opens a new one. A batch whose
 * commit was lost comes again from the broker: the BI insert ignores rows it already has, and the write-back
 * writes the same values again.
 */
final class AihubSubscribeConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AihubSubscribeConsumer.class);
    private static final long RECEIVE_TIMEOUT_MS = 500;

    private final AihubSubscribeEndpoint endpoint;
    private volatile boolean running;
    private WorkerThread thread;
    private volatile Connection connection;
    private volatile boolean broken;
    private String worker;

    AihubSubscribeConsumer(AihubSubscribeEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        HubRuntime runtime = endpoint.runtime();
        runtime.declareRoute(endpoint.getRouteId(), List.of(endpoint.getSubscriber()));
        worker = "subscriber:" + Addresses.subscriberQueue(endpoint.getRouteId(), endpoint.getSubscriber());
        runtime.activity().register(worker);
        runtime.activity().registerQueue(Addresses.subscriberQueue(endpoint.getRouteId(), endpoint.getSubscriber()));
        running = true;
        thread = new WorkerThread(getEndpoint().getCamelContext(), this, "aihub-" + worker);
        thread.start(() -> {
            LogContext.route(endpoint.getRouteId());
            consumeLoop();
        });
        LOG.info("AIHUB-SUBSCRIBE-0001 consuming {}", Addresses.subscriberFqqn(endpoint.getRouteId(),
                endpoint.getSubscriber()));
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (thread != null && !thread.stop()) {
            LOG.warn("AIHUB-SUBSCRIBE-0005 {} did not stop within 30 s", worker);
        }
        closeConnection();
        endpoint.runtime().activity().unregister(worker);
        super.doStop();
    }

    private void consumeLoop() {
        BrokerLink link = endpoint.runtime().brokerLink();
        while (running) {
            if (!awaitBroker(link)) {
                break;
            }
            try {
                broken = false;
                connection = endpoint.runtime().connectionFactory().createConnection();
                connection.setExceptionListener(e -> {
                    broken = true;
                    if (link != null) {
                        link.connectionLost(worker, e);
                    }
                });
                connection.start();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(
                        Addresses.subscriberFqqn(endpoint.getRouteId(), endpoint.getSubscriber())));
                DeadLetterSender deadLetters = new DeadLetterSender(session, endpoint.getRouteId(),
                        endpoint.runtime().codec());
                while (running && !broken) {
                    consumeBatch(session, consumer, deadLetters);
                }
            } catch (JMSException | RuntimeException e) {
                if (running) {
                    endpoint.runtime().activity().idle(worker, false);
                    closeConnection();
                    if (link != null && (broken || !link.check(worker, e))) {
                        // BrokerLink logged the outage once; the loop waits for it.
                        LOG.debug("{}: broker connection lost; uncommitted batch comes again", worker);
                    } else {
                        LOG.warn("AIHUB-SUBSCRIBE-0003 {}: broker call failed ({}); reconnecting in 2 s", worker,
                                e.getClass().getSimpleName());
                        sleepQuietly(2_000);
                    }
                }
            } finally {
                closeConnection();
            }
        }
    }

    /** Waits while the broker is unreachable; false when the consumer was stopped meanwhile. */
    private boolean awaitBroker(BrokerLink link) {
        if (link == null || link.isUp()) {
            return running;
        }
        endpoint.runtime().activity().idle(worker, false);
        return link.awaitUpWhile(() -> running);
    }

    private void consumeBatch(Session session, MessageConsumer consumer, DeadLetterSender deadLetters)
            throws JMSException {
        Message first = consumer.receive(RECEIVE_TIMEOUT_MS);
        if (first == null) {
            endpoint.runtime().activity().idle(worker, true);
            return;
        }
        endpoint.runtime().activity().idle(worker, false);
        List<Message> messages = new ArrayList<>(endpoint.getBatchSize());
        messages.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(endpoint.getBatchWait());
        while (messages.size() < endpoint.getBatchSize()) {
            long waitMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Message next = waitMs <= 0 ? consumer.receiveNoWait() : consumer.receive(waitMs);
            if (next == null) {
                break;
            }
            messages.add(next);
        }
        List<PredictionEvent> events = new ArrayList<>(messages.size());
        java.util.Set<String> redelivered = new java.util.HashSet<>();
        int invalid = 0;
        List<String> invalidCodes = new ArrayList<>();
        for (Message message : messages) {
            try {
                PredictionEvent event = endpoint.runtime().codec().read(((TextMessage) message).getText());
                events.add(event);
                if (message.getJMSRedelivered()) {
                    redelivered.add(event.id());
                }
            } catch (AihubException | ClassCastException e) {
                deadLetters.sendInvalid(message, endpoint.getSubscriber(), e);
                invalid++;
                invalidCodes.add(DeadLetterSender.invalidCode(e));
            }
        }
        long backoff = 0;
        int recordLevelRetries = 0;
        while (true) {
            Exchange exchange = createExchange(false);
            try {
                exchange.getMessage().setBody(events);
                exchange.getMessage().setHeader(ExchangeKeys.ROUTE_ID, endpoint.getRouteId());
                exchange.getMessage().setHeader(ExchangeKeys.RECORD_COUNT, events.size());
                exchange.getMessage().setHeader(ExchangeKeys.REDELIVERED, redelivered);
                if (!events.isEmpty()) {
                    getProcessor().process(exchange);
                }
                Exception failure = exchange.getException();
                boolean recordLevel = failure instanceof AihubException ae && RECORD_LEVEL_RETRIABLE.equals(ae.code());
                if (failure instanceof AihubException ae && ae.retriable() && running
                        && (!recordLevel || ++recordLevelRetries <= MAX_RECORD_LEVEL_RETRIES)) {
                    // The system behind the subscriber is unavailable for now (outage, throttling): keep the batch
                    // in hand and try again with back-off. This is the one place such failures are retried; a
                    // rollback would spend the broker's delivery attempts and dead-letter good records.
                    backoff = backoff == 0 ? MIN_RETRY_MS : Math.min(MAX_RETRY_MS, backoff * 2);
                    long wait = backoff + java.util.concurrent.ThreadLocalRandom.current().nextLong(backoff / 4 + 1);
                    LOG.warn("AIHUB-SUBSCRIBE-0006 {}: batch of {} not processed ({}, retriable): {}; retrying in {}"
                            + " ms", worker, messages.size(), ae.code(), ae.getMessage(), wait);
                    events.forEach(e -> redelivered.add(e.id()));
                    pauseWhileRunning(wait);
                    continue;
                }
                if (failure != null) {
                    session.rollback();
                    String code = failure instanceof AihubException ae ? ae.code() : failure.getClass().getSimpleName();
                    LOG.warn("AIHUB-SUBSCRIBE-0004 {}: batch of {} failed ({}): {}; rolled back for redelivery",
                            worker, messages.size(), code, SafeText.describe(failure));
                    return;
                }
                @SuppressWarnings("unchecked")
                List<DeadLetter> letters = exchange.getProperty(ExchangeKeys.DEAD_LETTERS, List.class);
                if (letters != null) {
                    for (DeadLetter letter : letters) {
                        deadLetters.send(letter);
                    }
                }
                session.commit();
                endpoint.runtime().counters().route(endpoint.getRouteId()).deadLettered
                        .add(invalid + (letters == null ? 0 : letters.size()));
                var meters = endpoint.runtime().meters();
                for (String code : invalidCodes) {
                    meters.deadLettered(endpoint.getRouteId(), "receive:" + endpoint.getSubscriber(), code, 1);
                }
                for (DeadLetter letter : letters == null ? List.<DeadLetter>of() : letters) {
                    meters.deadLettered(endpoint.getRouteId(), letter.step(), letter.error().code(), 1);
                }
                return;
            } catch (Exception e) {
                session.rollback();
                throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
            } finally {
                releaseExchange(exchange, false);
            }
        }
    }

    /** Waits up to {@code millis}, returning early when the consumer stops. */
    private void pauseWhileRunning(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (running && System.nanoTime() < deadline) {
            sleepQuietly(Math.min(100, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
        }
    }

    private void closeConnection() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (JMSException e) {
                LOG.debug("closing connection of {} failed", worker, e);
            }
        }
    }

    /**
     * A retriable failure of single records (e.g. a row lock) rather than of the system behind the subscriber.
     * Retried in hand only a few times, so one record that stays locked cannot hold the queue up forever; after
     * that the batch goes back to the broker, whose redelivery ends in the dead-letter queue.
     */
    private static final String RECORD_LEVEL_RETRIABLE = "SINK_RETRIABLE";
    private static final int MAX_RECORD_LEVEL_RETRIES = 5;
    private static final long MIN_RETRY_MS = 500;
    private static final long MAX_RETRY_MS = 30_000;

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
