package io.aihub.simulators.crm.dataverse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The simulator's deterministic clock. It never follows wall time: it moves only when a test steps it
 * ({@link #advance}) or when a write transaction takes its stamp ({@link #nextWriteStamp}), which moves it
 * one second first. Dataverse stamps {@code modifiedon} to the second, so records written in one transaction
 * share a stamp while every later transaction is strictly later. Token expiry is measured on this clock too.
 */
final class DataverseClock {

    private Instant now;

    DataverseClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start").truncatedTo(ChronoUnit.SECONDS);
    }

    synchronized Instant now() {
        return now;
    }

    /** Moves the clock forward by {@code by} (truncated to whole seconds). */
    synchronized Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        now = now.plus(by).truncatedTo(ChronoUnit.SECONDS);
        return now;
    }

    /** The stamp of a new write transaction: one second after every stamp before it. */
    synchronized Instant nextWriteStamp() {
        now = now.plusSeconds(1);
        return now;
    }
}
