package io.aihub.model.resilience;

import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelMetadata;
import io.aihub.api.model.ModelOutcome;
import java.util.List;
import java.util.Objects;

/**
 * Puts retries and a circuit breaker around any {@link ModelBackend}. Each {@link #predict} attempt asks the
 * breaker first: while it is open the call fails at once with {@link CircuitOpenException}
 * ({@value CircuitOpenException#CODE}, retriable) and the backend is not called, and the retrier does not retry
 * that. Retriable failures are retried by the {@link Retrier}; each attempt's outcome is counted by the breaker.
 * Deadlines belong to the backend (remote backends set one on every HTTP request).
 *
 * <p>{@link #ready()} is false while the breaker is open. Thread-safe as the wrapped backend is.
 */
public final class ResilientModelBackend implements ModelBackend {

    private final ModelBackend delegate;
    private final Retrier retrier;
    private final CircuitBreaker breaker;

    /**
     * @param delegate the backend to protect; closed by {@link #close}
     * @param retrier  retries of whole {@code predict} calls; use {@link RetryConfig#none()} when the backend
     *                 retries its own requests
     * @param breaker  the backend's breaker
     */
    public ResilientModelBackend(ModelBackend delegate, Retrier retrier, CircuitBreaker breaker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.retrier = Objects.requireNonNull(retrier, "retrier");
        this.breaker = Objects.requireNonNull(breaker, "breaker");
    }

    /** The breaker, for health checks and metrics (state, failure rate, listeners). */
    public CircuitBreaker circuitBreaker() {
        return breaker;
    }

    /** The wrapped backend. */
    public ModelBackend delegate() {
        return delegate;
    }

    @Override
    public ModelMetadata metadata() {
        return delegate.metadata();
    }

    @Override
    public boolean ready() {
        return breaker.state() != CircuitState.OPEN && delegate.ready();
    }

    /**
     * Scores the batch through the breaker, retrying retriable failures.
     *
     * @throws CircuitOpenException when the breaker refuses the call
     */
    @Override
    public List<ModelOutcome> predict(List<FeatureRow> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        return retrier.call(() -> breaker.execute(() -> delegate.predict(batch)));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
