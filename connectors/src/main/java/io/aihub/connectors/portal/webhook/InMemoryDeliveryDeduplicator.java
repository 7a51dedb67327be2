package io.aihub.connectors.portal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded, in-memory {@link DeliveryDeduplicator}: keys are forgotten {@code window} after they were
 * recorded, and the oldest keys go first when more than {@code maxEntries} are held.
 *
 * <p>This is a fast path only: it is empty after a restart, forgets after the window and under pressure, and
 * is not shared between hub instances. The guarantee that a delivery is published once comes from the
 * broker's persisted duplicate-id cache; this class merely lets the hub answer most duplicates without a
 * round trip to the broker.
 */
public final class InMemoryDeliveryDeduplicator implements DeliveryDeduplicator {

    private final int maxEntries;
    private final Duration window;
    private final Clock clock;
    /** Key to the instant it is forgotten, in recording order (so expiry order, the window being fixed). */
    private final LinkedHashMap<String, Instant> accepted = new LinkedHashMap<>();

    /**
     * @param maxEntries how many keys to hold at most (at least 1)
     * @param window     how long a key is remembered (positive)
     * @param clock      the clock expiry is measured with
     */
    public InMemoryDeliveryDeduplicator(int maxEntries, Duration window, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        this.maxEntries = maxEntries;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized boolean alreadyAccepted(String dedupeKey) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Instant now = clock.instant();
        expire(now);
        Instant forgetAt = accepted.get(dedupeKey);
        return forgetAt != null && now.isBefore(forgetAt);
    }

    @Override
    public synchronized void recordAccepted(String dedupeKey) {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Instant now = clock.instant();
        expire(now);
        accepted.remove(dedupeKey);
        accepted.put(dedupeKey, now.plus(window));
        while (accepted.size() > maxEntries) {
            Iterator<String> oldest = accepted.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** How many keys are held now (expired ones dropped first). */
    public synchronized int size() {
        expire(clock.instant());
        return accepted.size();
    }

    private void expire(Instant now) {
        Iterator<Map.Entry<String, Instant>> entries = accepted.entrySet().iterator();
        while (entries.hasNext()) {
            if (now.isBefore(entries.next().getValue())) {
                return;
            }
            entries.remove();
        }
    }

    @Override
    public String toString() {
        return "InMemoryDeliveryDeduplicator[maxEntries=" + maxEntries + ", window=" + window + "]";
    }
}
