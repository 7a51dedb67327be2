package io.aihub.routes.broker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.activemq.artemis.api.core.SimpleString;

/**
 * Depth and consumer count of a queue, as the broker reports them: read directly from the embedded broker, or
 * over the management address of an external one. External figures are cached for {@link #CACHE} so that a
 * metrics scrape costs at most one management round trip per queue and period; a broker that does not answer
 * gives no figures (the gauges show NaN) instead of blocking the scrape for long. Thread-safe.
 */
public final class QueueStats implements AutoCloseable {

    /** How long an external broker's figures are reused. */
    public static final Duration CACHE = Duration.ofSeconds(2);

    /**
     * One queue's figures.
     *
     * @param messages  messages on the queue (waiting, scheduled, paged and being delivered)
     * @param consumers consumers attached now
     */
    public record Snapshot(long messages, long consumers) {
    }

    private record Cached(Optional<Snapshot> snapshot, Instant at) {
    }

    private final EmbeddedBroker embedded;
    private final String url;
    private final String user;
    private final String password;
    private final Clock clock;
    private final BooleanSupplier brokerUp;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private BrokerManagement management;

    /**
     * @param embedded the embedded broker, or null for an external one at {@code url}
     * @param brokerUp whether the broker is reachable now; an unreachable one is not asked
     */
    public QueueStats(EmbeddedBroker embedded, String url, String user, String password, Clock clock,
            BooleanSupplier brokerUp) {
        this.embedded = embedded;
        this.brokerUp = brokerUp;
        this.url = url;
        this.user = user;
        this.password = password;
        this.clock = clock;
    }

    /** The queue's figures now; empty when the queue does not exist or the broker cannot be asked. */
    public Optional<Snapshot> of(String queue) {
        if (embedded != null) {
            try {
                var q = embedded.server().locateQueue(SimpleString.of(queue));
                return q == null ? Optional.empty() : Optional.of(new Snapshot(q.getMessageCount(),
                        q.getConsumerCount()));
            } catch (IllegalStateException stopped) {
                return Optional.empty();
            }
        }
        Instant now = clock.instant();
        Cached cached = cache.get(queue);
        if (cached != null && Duration.between(cached.at(), now).compareTo(CACHE) < 0) {
            return cached.snapshot();
        }
        Optional<Snapshot> fresh = brokerUp.getAsBoolean() ? ask(queue) : Optional.empty();
        cache.put(queue, new Cached(fresh, now));
        return fresh;
    }

    private synchronized Optional<Snapshot> ask(String queue) {
        try {
            if (management == null) {
                management = BrokerManagement.connect(url, user, password);
            }
            long messages = ((Number) management.queueAttribute(queue, "messageCount")).longValue();
            long consumers = ((Number) management.queueAttribute(queue, "consumerCount")).longValue();
            return Optional.of(new Snapshot(messages, consumers));
        } catch (Exception e) {
            close();
            return Optional.empty();
        }
    }

    @Override
    public synchronized void close() {
        if (management != null) {
            management.close();
            management = null;
        }
    }
}
