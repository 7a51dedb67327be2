package io.aihub.connectors.portal.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A per-client token bucket: each client (a remote address, or the value of a configured header) may make
 * {@code ratePerSecond} requests per second on average and {@code burst} at once. Thread-safe. The client table is
 * bounded: beyond {@code maxClients} the least recently seen client is forgotten (and starts with a full bucket).
 */
public final class ClientRateLimiter {

    /** How many clients are remembered at most. */
    static final int DEFAULT_MAX_CLIENTS = 10_000;

    private final double ratePerSecond;
    private final int burst;
    private final int maxClients;
    private final Clock clock;
    private final LinkedHashMap<String, Bucket> buckets;

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    /**
     * @param ratePerSecond requests per second per client on average; 0 turns the limit off
     * @param burst         requests a client may make at once (at least 1 when the limit is on)
     * @param maxClients    clients remembered at most
     * @param clock         the clock refills are measured with
     */
    public ClientRateLimiter(double ratePerSecond, int burst, int maxClients, Clock clock) {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
            throw new IllegalArgumentException("ratePerSecond must not be negative");
        }
        if (ratePerSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be at least 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.maxClients = maxClients;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > ClientRateLimiter.this.maxClients;
            }
        };
    }

    /** True when requests are limited at all. */
    public boolean enabled() {
        return ratePerSecond > 0;
    }

    /**
     * Takes one request from {@code client}'s bucket.
     *
     * @return 0 when the request may go ahead, otherwise the whole seconds (at least 1) after which the client's
     *         next request will be allowed, for {@code Retry-After}
     */
    public synchronized long acquire(String client) {
        if (!enabled()) {
            return 0;
        }
        long now = nanos();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            bucket = new Bucket(burst, now);
            buckets.put(client, bucket);
        } else {
            double refill = (now - bucket.updatedNanos) / 1e9 * ratePerSecond;
            bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, refill));
            bucket.updatedNanos = now;
        }
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / ratePerSecond));
    }

    /** How many clients are remembered now. */
    public synchronized int clients() {
        return buckets.size();
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public String toString() {
        return enabled() ? "ClientRateLimiter[" + ratePerSecond + "/s, burst " + burst + "]" : "ClientRateLimiter[off]";
    }
}
