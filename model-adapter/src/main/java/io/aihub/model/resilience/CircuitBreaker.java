package io.aihub.model.resilience;

import io.aihub.api.error.AihubException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named, count-based circuit breaker. {@link CircuitState#CLOSED}: calls pass and their outcomes fill a sliding
 * window of the last {@code slidingWindowSize} calls; once the window holds {@code minimumNumberOfCalls} and the
 * share of failures reaches {@code failureRateThreshold} percent, the breaker opens. {@link CircuitState#OPEN}:
 * calls are refused with {@link CircuitOpenException} and never reach the backend; after
 * {@code waitInOpenState} the breaker turns half-open. {@link CircuitState#HALF_OPEN}: up to
 * {@code permittedCallsInHalfOpenState} probes pass (others are refused); when all of them succeed the breaker
 * closes with an empty window, and the first failing probe opens it again.
 *
 * <p>A failure is a retriable {@link AihubException} or any other unchecked exception; a permanent
 * {@link AihubException} counts as a success, because the backend answered. Outcomes of calls admitted before the
 * latest state change are ignored. Time comes from a {@link Ticker}. Thread-safe; listeners run outside the lock.
 */
public final class CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String name;
    private final CircuitBreakerConfig config;
    private final Ticker ticker;
    private final List<CircuitBreakerListener> listeners = new CopyOnWriteArrayList<>();
    private final boolean[] window;
    private CircuitState state = CircuitState.CLOSED;
    private long generation;
    private int windowCount;
    private int windowNext;
    private int windowFailures;
    private long openedAtNanos;
    private int probesAdmitted;
    private int probesSucceeded;

    /**
     * @param name   names the breaker in messages, logs and metrics, e.g. {@code model-churn}
     * @param config thresholds and waits
     * @param ticker the clock; {@link Ticker#system()} outside tests
     */
    public CircuitBreaker(String name, CircuitBreakerConfig config, Ticker ticker) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.window = new boolean[config.slidingWindowSize()];
    }

    /** The breaker's name. */
    public String name() {
        return name;
    }

    /** The breaker's settings. */
    public CircuitBreakerConfig config() {
        return config;
    }

    /** Registers a listener for state changes. */
    public void addListener(CircuitBreakerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The current state; an open breaker whose wait has passed reports (and becomes) half-open. */
    public CircuitState state() {
        Transition transition;
        CircuitState now;
        synchronized (this) {
            transition = halfOpenIfWaitPassed();
            now = state;
        }
        notify(transition);
        return now;
    }

    /** Failed calls in the window as a percentage, or -1 while the window holds fewer than the minimum. */
    public synchronized double failureRate() {
        return windowCount < config.minimumNumberOfCalls() ? -1 : 100.0 * windowFailures / windowCount;
    }

    /** Calls counted in the sliding window now. */
    public synchronized int bufferedCalls() {
        return windowCount;
    }

    /**
     * Runs {@code call} if the breaker lets it through, and records its outcome.
     *
     * @throws CircuitOpenException without running the call when the breaker refuses it
     */
    public <T> T execute(Supplier<T> call) {
        Permit permit = acquire();
        T result;
        try {
            result = call.get();
        } catch (AihubException e) {
            if (e.retriable()) {
                permit.failure();
            } else {
                permit.success();
            }
            throw e;
        } catch (RuntimeException | Error e) {
            permit.failure();
            throw e;
        }
        permit.success();
        return result;
    }

    /**
     * Asks to make one call; the caller must report its outcome on the permit exactly once.
     *
     * @throws CircuitOpenException when the breaker is open, or half-open with every probe slot taken
     */
    public Permit acquire() {
        Transition transition;
        Permit permit = null;
        Duration remaining = Duration.ZERO;
        CircuitState refusedIn = null;
        synchronized (this) {
            transition = halfOpenIfWaitPassed();
            switch (state) {
                case CLOSED -> permit = new Permit(generation, false);
                case HALF_OPEN -> {
                    if (probesAdmitted < config.permittedCallsInHalfOpenState()) {
                        probesAdmitted++;
                        permit = new Permit(generation, true);
                    } else {
                        refusedIn = CircuitState.HALF_OPEN;
                    }
                }
                case OPEN -> {
                    refusedIn = CircuitState.OPEN;
                    remaining = Duration.ofNanos(config.waitInOpenState().toNanos()
                            - (ticker.nanos() - openedAtNanos));
                }
                default -> throw new IllegalStateException("unknown state " + state);
            }
        }
        notify(transition);
        if (permit == null) {
            throw new CircuitOpenException(name, refusedIn, remaining);
        }
        return permit;
    }

    private Transition halfOpenIfWaitPassed() {
        if (state == CircuitState.OPEN && ticker.nanos() - openedAtNanos >= config.waitInOpenState().toNanos()) {
            return moveTo(CircuitState.HALF_OPEN);
        }
        return null;
    }

    private synchronized Transition record(Permit permit, Boolean success) {
        if (permit.generation != generation) {
            return null;
        }
        if (permit.probe) {
            if (success == null) {
                probesAdmitted--;
                return null;
            }
            if (!success) {
                return moveTo(CircuitState.OPEN);
            }
            probesSucceeded++;
            return probesSucceeded >= config.permittedCallsInHalfOpenState() ? moveTo(CircuitState.CLOSED) : null;
        }
        if (success == null) {
            return null;
        }
        if (windowCount == window.length) {
            if (window[windowNext]) {
                windowFailures--;
            }
        } else {
            windowCount++;
        }
        window[windowNext] = !success;
        if (!success) {
            windowFailures++;
        }
        windowNext = (windowNext + 1) % window.length;
        if (windowCount >= config.minimumNumberOfCalls()
                && 100.0 * windowFailures / windowCount >= config.failureRateThreshold()) {
            return moveTo(CircuitState.OPEN);
        }
        return null;
    }

    private Transition moveTo(CircuitState next) {
        CircuitState previous = state;
        state = next;
        generation++;
        probesAdmitted = 0;
        probesSucceeded = 0;
        if (next == CircuitState.OPEN) {
            openedAtNanos = ticker.nanos();
        }
        if (next == CircuitState.CLOSED) {
            windowCount = 0;
            windowNext = 0;
            windowFailures = 0;
        }
        return new Transition(previous, next);
    }

    private void notify(Transition transition) {
        if (transition == null) {
            return;
        }
        if (transition.to == CircuitState.OPEN) {
            LOG.warn("AIHUB-MODEL-0301 circuit breaker {} {} -> OPEN; calls refused for {} ms", name,
                    transition.from, config.waitInOpenState().toMillis());
        } else {
            LOG.info("AIHUB-MODEL-0302 circuit breaker {} {} -> {}", name, transition.from, transition.to);
        }
        for (CircuitBreakerListener listener : listeners) {
            try {
                listener.onStateChange(name, transition.from, transition.to);
            } catch (RuntimeException e) {
                LOG.warn("AIHUB-MODEL-0303 circuit breaker {} listener failed: {}", name, e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + name + ", " + state() + "]";
    }

    private record Transition(CircuitState from, CircuitState to) {
    }

    /** Permission for one call; report its outcome once with {@link #success}, {@link #failure} or {@link #release}. */
    public final class Permit {

        private final long generation;
        private final boolean probe;

        private Permit(long generation, boolean probe) {
            this.generation = generation;
            this.probe = probe;
        }

        /** The call succeeded (or failed permanently: the backend answered). */
        public void success() {
            CircuitBreaker.this.notify(record(this, Boolean.TRUE));
        }

        /** The call failed in a way that says the backend is unwell. */
        public void failure() {
            CircuitBreaker.this.notify(record(this, Boolean.FALSE));
        }

        /** The call was not made or says nothing about the backend; frees a probe slot. */
        public void release() {
            CircuitBreaker.this.notify(record(this, null));
        }
    }
}
