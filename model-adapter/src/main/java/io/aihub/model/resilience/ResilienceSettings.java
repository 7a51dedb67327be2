package io.aihub.model.resilience;

/**
 * The {@code resilience} block of a remote model's {@code model.yaml}; either part may be left out for its
 * defaults.
 *
 * @param retry          retries of retriable failures
 * @param circuitBreaker the backend's circuit breaker
 */
public record ResilienceSettings(RetryConfig retry, CircuitBreakerConfig circuitBreaker) {

    public ResilienceSettings {
        retry = retry == null ? RetryConfig.defaults() : retry;
        circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.defaults() : circuitBreaker;
    }

    /** Default retries and breaker. */
    public static ResilienceSettings defaults() {
        return new ResilienceSettings(null, null);
    }
}
