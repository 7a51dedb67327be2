package io.aihub.simulators.erp.sap;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The simulator's deterministic clock for {@code LastChangeDateTime}: each change is stamped one millisecond
 * (the resolution OData v2 JSON shows) after the previous one, and tests may step it forward. Wall time never
 * enters, so a run with the same seed and the same calls gives the same stamps.
 */
final class SapClock {

    private Instant last;

    /** A clock whose first tick is one millisecond after {@code after}. */
    SapClock(Instant after) {
        this.last = Objects.requireNonNull(after, "after");
    }

    /** The next stamp, strictly later than every stamp returned before. */
    synchronized Instant tick() {
        last = last.plusMillis(1);
        return last;
    }

    /** Moves the clock forward; the next tick is one millisecond after the new time. */
    synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        last = last.plus(by);
    }

    synchronized Instant now() {
        return last;
    }
}
