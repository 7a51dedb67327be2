package io.aihub.model.resilience;

/** A monotonic clock in nanoseconds; tests pass a controllable one instead of sleeping. */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds since an arbitrary fixed origin; only differences are meaningful. */
    long nanos();

    /** {@link System#nanoTime()}. */
    static Ticker system() {
        return System::nanoTime;
    }
}
