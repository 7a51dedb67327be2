package io.aihub.simulators.crm.salesforce;

import java.time.Instant;
import java.util.Objects;

/**
 * The simulator's logical clock for modification stamps: each tick is one millisecond (Salesforce's
 * resolution) after the previous one, so every change is strictly later than the seeded data and than
 * every earlier change, however fast the changes come.
 */
final class SimClock {

    private Instant last;

    /** A clock whose first tick is one millisecond after {@code after}. */
    SimClock(Instant after) {
        this.last = Objects.requireNonNull(after, "after");
    }

    /** The next stamp, strictly later than every stamp returned before. */
    synchronized Instant tick() {
        last = last.plusMillis(1);
        return last;
    }
}
