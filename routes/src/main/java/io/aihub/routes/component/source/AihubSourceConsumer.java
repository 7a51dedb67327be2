package io.aihub.routes.component.source;

import io.aihub.api.error.AihubException;
import io.aihub.api.error.SafeText;
import io.aihub.api.source.SourcePage;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.broker.BrokerLink;
import jakarta.jms.JMSException;
import io.aihub.routes.flow.ReplayReader;
import java.util.Map;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceTask;
import io.aihub.routes.ActivityTracker;
import io.aihub.routes.component.ExchangeKeys;
import io.aihub.routes.component.WorkerThread;
import io.aihub.routes.observe.LogContext;
import io.aihub.routes.progress.RouteCounters;
import io.aihub.routes.store.PositionStore;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one page at a time on its own thread and hands it to the route synchronously. The page's position
 * is committed only when the route completed without exception, which means the broker has committed the
 * page's messages. When the route fails, the task is rewound to the committed position and polling backs
 * off exponentially with jitter: this is the one place a failed page is retried.
 *
 * <p>While the broker is unreachable ({@link BrokerLink} DOWN) the consumer polls nothing and commits nothing:
 * a page that failed because the broker went away is rewound, and the loop waits for the link to come back
 * instead of backing off, then reads the page again. Its events are published again; duplicate detection
 * drops those the broker had already committed.
 */
final class AihubSourceConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(AihubSourceConsumer.class);
    private static final long MIN_BACKOFF_MS = 500;
    private static final int REPLAY_PAGE = 200;

    private final AihubSourceEndpoint endpoint;
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private WorkerThread thread;
    private SourceTask task;
    private String positionKey;
    private String worker;
    private ReplayReader replay;

    AihubSourceConsumer(AihubSourceEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String routeId = endpoint.getRouteId();
        positionKey = routeId + "/" + endpoint.getConnector();
        worker = "source:" + positionKey;
        task = endpoint.runtime().createSourceTask(endpoint.getConnector());
        SourcePosition committed = endpoint.runtime().positions().load(positionKey);
        task.start(committed);
        replay = new ReplayReader(endpoint.runtime().connectionFactory(), routeId, endpoint.runtime().codec());
        endpoint.runtime().activity().register(worker);
        endpoint.runtime().activity().registerQueue(Addresses.replay(routeId));
        running = true;
        thread = new WorkerThread(getEndpoint().getCamelContext(), this, "aihub-source-" + routeId);
        thread.start(() -> {
            LogContext.route(routeId);
            pollLoop(committed);
        });
        LOG.info("AIHUB-SOURCE-0001 route {} polls {} from {}", routeId, endpoint.getConnector(),
                committed.isStart() ? "the beginning" : "its committed position");
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (task != null) {
            task.stop();
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (thread != null && !thread.stop()) {
            LOG.warn("AIHUB-SOURCE-0005 route {}: polling did not stop within 30 s", endpoint.getRouteId());
        }
        endpoint.runtime().activity().unregister(worker);
        if (replay != null) {
            replay.close();
        }
        super.doStop();
    }

    private void pollLoop(SourcePosition initial) {
        PositionStore positions = endpoint.runtime().positions();
        ActivityTracker activity = endpoint.runtime().activity();
        RouteCounters counters = endpoint.runtime().counters().route(endpoint.getRouteId());
        BrokerLink link = endpoint.runtime().brokerLink();
        SourcePosition committed = initial;
        long backoff = 0;
        while (running) {
            if (!awaitBroker(link)) {
                break;
            }
            try {
                ReplayReader.Replay replayed = replay.next(REPLAY_PAGE, committed);
                if (!replayed.isEmpty()) {
                    activity.idle(worker, false);
                    deliver(replayed.page(), replayed.replays());
                    replay.commit();
                    counters.pulled.add(replayed.page().records().size());
                    LOG.info("AIHUB-SOURCE-0006 route {}: {} replayed record(s) delivered", endpoint.getRouteId(),
                            replayed.page().records().size());
                    backoff = 0;
                    continue;
                }
                SourcePage page = pollSource();
                if (!running) {
                    break;
                }
                if (page.isEmpty()) {
                    counters.backlog = 0;
                    counters.caughtUp = true;
                    counters.failingCode = null;
                    counters.failingSince = null;
                    activity.idle(worker, true);
                    pause(endpoint.getIdleDelay());
                    continue;
                }
                activity.idle(worker, false);
                deliver(page, Map.of());
                positions.commit(positionKey, page.position());
                committed = page.position();
                counters.pulled.add(page.size());
                counters.backlog = page.backlog();
                counters.committed(newestModification(page));
                backoff = 0;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                replay.rollback();
                counters.pageFailures.increment();
                counters.failed(e instanceof AihubException ae ? ae.code() : e.getClass().getSimpleName(),
                        java.time.Instant.now());
                try {
                    task.rewind(committed);
                } catch (RuntimeException rewindFailure) {
                    LOG.warn("AIHUB-SOURCE-0004 route {}: rewind failed: {}", endpoint.getRouteId(),
                            rewindFailure.getClass().getSimpleName());
                }
                if (brokerLost(link, e)) {
                    // BrokerLink logged the outage once; the loop waits for it instead of backing off.
                    LOG.debug("route {}: page not delivered, broker unreachable; nothing committed",
                            endpoint.getRouteId());
                    backoff = 0;
                    continue;
                }
                backoff = nextBackoff(backoff, e);
                logFailure(e, backoff);
                pause(backoff);
            }
        }
    }

    /**
     * Waits while the broker is unreachable, polling nothing (the worker counts as busy, so {@code --once}
     * does not stop during an outage).
     *
     * @return false when the consumer was stopped meanwhile
     */
    private boolean awaitBroker(BrokerLink link) {
        if (link == null || link.isUp()) {
            return running;
        }
        endpoint.runtime().activity().idle(worker, false);
        return link.awaitUpWhile(() -> running);
    }

    /** True when the failure came from the broker and the broker is unreachable now. */
    private boolean brokerLost(BrokerLink link, Exception e) {
        if (link == null) {
            return false;
        }
        if (!link.isUp()) {
            return true;
        }
        boolean brokerFailure = e instanceof JMSException
                || (e instanceof AihubException ae && ae.code().startsWith("BROKER_"));
        return brokerFailure && !link.check("source of route " + endpoint.getRouteId(), e);
    }

    /** Polls the connector and tells the connector's health check how the call went. */
    private SourcePage pollSource() {
        var health = endpoint.runtime().connectorHealth();
        try {
            SourcePage page = task.poll();
            health.succeeded(endpoint.getConnector());
            return page;
        } catch (RuntimeException e) {
            if (running) {
                health.failed(endpoint.getConnector(), e);
            }
            throw e;
        }
    }

    /** The newest modification time among the page's records (the watermark it moves to), or null. */
    private static java.time.Instant newestModification(SourcePage page) {
        java.time.Instant newest = null;
        for (var record : page.records()) {
            if (record.modifiedAt() != null && (newest == null || record.modifiedAt().isAfter(newest))) {
                newest = record.modifiedAt();
            }
        }
        return newest;
    }

    /** Hands a page to the route; throws what the route failed with. */
    private void deliver(SourcePage page, Map<String, String> replays) throws Exception {
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(page);
            exchange.getMessage().setHeader(ExchangeKeys.ROUTE_ID, endpoint.getRouteId());
            exchange.getMessage().setHeader(ExchangeKeys.RECORD_COUNT, page.size());
            if (!replays.isEmpty()) {
                exchange.getMessage().setHeader(ExchangeKeys.REPLAYS, replays);
            }
            getProcessor().process(exchange);
            Exception failure = exchange.getException();
            if (failure != null) {
                throw failure;
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private long nextBackoff(long previous, Exception e) {
        long base = previous == 0 ? MIN_BACKOFF_MS : Math.min(endpoint.getMaxBackoff(), previous * 2);
        if (e instanceof AihubException ae && !ae.retriable()) {
            base = endpoint.getMaxBackoff();
        }
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Math.min(endpoint.getMaxBackoff(), base) + jitter;
    }

    private void logFailure(Exception e, long backoff) {
        String code = e instanceof AihubException ae ? ae.code() : e.getClass().getSimpleName();
        boolean retriable = !(e instanceof AihubException ae) || ae.retriable();
        LOG.warn("AIHUB-SOURCE-0003 route {}: page not delivered ({}, {}): {}; nothing committed, retrying in {} ms",
                endpoint.getRouteId(), code, retriable ? "retriable" : "permanent", SafeText.describe(e), backoff);
    }

    private void pause(long millis) {
        synchronized (wakeUp) {
            if (!running) {
                return;
            }
            try {
                wakeUp.wait(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
