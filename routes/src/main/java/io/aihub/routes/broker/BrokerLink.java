package io.aihub.routes.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one view of whether the broker is reachable, shared by every JMS user in the hub (publisher,
 * replay reader, subscribers, topology, health check).
 *
 * <p>A JMS user whose connection fails discards it and reports here: {@link #connectionLost} from a
 * connection's exception listener, {@link #check} after a failed call (which probes the broker once to tell a
 * lost broker from, say, a refused send). Once the broker is unreachable the link is DOWN: it logs one line,
 * and one thread probes the broker with bounded exponential back-off and jitter until a connection succeeds
 * and the reconnect hook (re-declaring the routes' addresses and queues) has run; then the link is UP again,
 * it logs one line and wakes everyone waiting in {@link #awaitUp}. The JMS users open their own new
 * connections then. While DOWN, sources poll nothing and commit nothing.
 *
 * <p>Thread-safe.
 */
public final class BrokerLink implements AutoCloseable {

    /** What the link runs after a probe connection succeeded and before it reports UP. */
    @FunctionalInterface
    public interface ReconnectHook {
        void reconnected() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);
    static final long MIN_BACKOFF_MS = 200;
    static final long MAX_BACKOFF_MS = 5_000;

    private final ConnectionFactory factory;
    private final String where;
    private final ReconnectHook hook;
    private final long minBackoffMs;
    private final long maxBackoffMs;
    private final Object lock = new Object();
    private boolean up = true;
    private boolean closed;
    private Instant downSince;
    private long outages;
    private Thread reconnector;

    /**
     * @param factory where connections come from
     * @param where   the broker's address for log lines (no user info or query string)
     * @param hook    run after the broker answers again, before the link is UP; a failure keeps it DOWN
     */
    public BrokerLink(ConnectionFactory factory, String where, ReconnectHook hook) {
        this(factory, where, hook, MIN_BACKOFF_MS, MAX_BACKOFF_MS);
    }

    BrokerLink(ConnectionFactory factory, String where, ReconnectHook hook, long minBackoffMs, long maxBackoffMs) {
        this.factory = factory;
        this.where = where;
        this.hook = hook;
        this.minBackoffMs = minBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
    }

    /** A broker URL for log lines: scheme, host and port only (drops user info and parameters). */
    public static String describe(String url) {
        String s = url;
        int query = s.indexOf('?');
        if (query >= 0) {
            s = s.substring(0, query);
        }
        int at = s.lastIndexOf('@');
        int scheme = s.indexOf("://");
        if (at >= 0 && scheme >= 0 && at > scheme) {
            s = s.substring(0, scheme + 3) + s.substring(at + 1);
        }
        return s;
    }

    /** True unless the broker was found unreachable and has not answered since. */
    public boolean isUp() {
        synchronized (lock) {
            return up;
        }
    }

    /** When the current outage began; empty while UP. */
    public Optional<Instant> downSince() {
        synchronized (lock) {
            return up ? Optional.empty() : Optional.of(downSince);
        }
    }

    /** How many times the broker went away since the hub started. */
    public long outages() {
        synchronized (lock) {
            return outages;
        }
    }

    /**
     * Reports a connection's exception listener firing: the connection is gone, so the broker is treated as
     * unreachable until a probe connects again. Does not block.
     */
    public void connectionLost(String who, Exception cause) {
        markDown(who, cause);
    }

    /**
     * After a failed broker call: probes the broker once (unless it is already known to be down).
     *
     * @return true when the broker is reachable, i.e. the failure was something other than a lost broker
     */
    public boolean check(String who, Exception failure) {
        synchronized (lock) {
            if (!up) {
                return false;
            }
        }
        if (probe()) {
            return true;
        }
        markDown(who, failure);
        return false;
    }

    /**
     * Waits until the link is UP.
     *
     * @return true when UP, false when the timeout passed first
     */
    public boolean awaitUp(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMillis(timeoutMillis).toNanos();
        synchronized (lock) {
            while (!up) {
                long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return up;
        }
    }

    /**
     * Waits until the link is UP, for as long as {@code running} holds (checked every second): how a hub worker
     * sits out an outage.
     *
     * @return true when UP and still running; false when {@code running} turned false or the thread was
     *         interrupted
     */
    public boolean awaitUpWhile(java.util.function.BooleanSupplier running) {
        while (running.getAsBoolean()) {
            try {
                if (awaitUp(1_000)) {
                    return running.getAsBoolean();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void markDown(String who, Exception cause) {
        synchronized (lock) {
            if (!up || closed) {
                return;
            }
            up = false;
            downSince = Instant.now();
            outages++;
            LOG.warn("AIHUB-BROKER-0010 broker {} unreachable (noticed by {}: {}); polling paused, no position is "
                    + "committed; reconnecting with back-off", where, who, reason(cause));
            reconnector = new Thread(this::reconnectLoop, "aihub-broker-reconnect");
            reconnector.setDaemon(true);
            reconnector.start();
        }
    }

    private void reconnectLoop() {
        long backoff = minBackoffMs;
        int attempts = 0;
        while (true) {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                try {
                    lock.wait(backoff + ThreadLocalRandom.current().nextLong(backoff / 4 + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (closed) {
                    return;
                }
            }
            attempts++;
            if (probe() && runHook()) {
                synchronized (lock) {
                    Duration outage = Duration.between(downSince, Instant.now());
                    up = true;
                    reconnector = null;
                    lock.notifyAll();
                    LOG.info("AIHUB-BROKER-0011 broker {} reachable again after {} s ({} attempts); resuming", where,
                            outage.toSeconds(), attempts);
                }
                return;
            }
            backoff = Math.min(maxBackoffMs, backoff * 2);
        }
    }

    private boolean probe() {
        try (Connection connection = factory.createConnection()) {
            return true;
        } catch (Exception e) {
            LOG.debug("broker {} probe failed: {}", where, e.toString());
            return false;
        }
    }

    private boolean runHook() {
        if (hook == null) {
            return true;
        }
        try {
            hook.reconnected();
            return true;
        } catch (Exception e) {
            LOG.debug("broker {} answers but the reconnect hook failed: {}", where, e.toString());
            return false;
        }
    }

    /** The failure's class and first line, without Artemis' message dump. */
    static String reason(Exception e) {
        if (e == null) {
            return "connection failed";
        }
        String text = e.getMessage() == null ? "" : e.getMessage();
        int dump = text.indexOf("Message information");
        if (dump >= 0) {
            text = text.substring(0, dump);
        }
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        text = text.trim();
        return e.getClass().getSimpleName() + (text.isEmpty() ? "" : ": " + text);
    }

    /** Stops reconnecting (waiters keep waiting until their timeout). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }
}
