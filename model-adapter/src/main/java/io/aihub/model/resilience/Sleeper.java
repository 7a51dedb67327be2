package io.aihub.model.resilience;

import java.time.Duration;

/** Waits between retry attempts; tests pass one that records the waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /** Waits {@code duration}; throws when the thread is interrupted. */
    void sleep(Duration duration) throws InterruptedException;

    /** {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
