package io.aihub.model.resilience;

/**
 * Told about every state change of a {@link CircuitBreaker}, after the change, on the thread whose call caused it.
 * Must be quick and must not throw (an exception is logged and ignored).
 */
@FunctionalInterface
public interface CircuitBreakerListener {

    /**
     * The breaker moved from one state to another.
     *
     * @param breakerName the breaker's name, e.g. {@code model-churn}
     * @param from        the state before
     * @param to          the state now
     */
    void onStateChange(String breakerName, CircuitState from, CircuitState to);
}
