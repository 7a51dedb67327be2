package io.aihub.model.resilience;

/** The states of a {@link CircuitBreaker}. */
public enum CircuitState {
    /** Calls pass; outcomes are counted in the sliding window. */
    CLOSED,
    /** Calls are refused without reaching the backend until the wait in open state has passed. */
    OPEN,
    /** A few probe calls pass; success closes the breaker, a failure opens it again. */
    HALF_OPEN
}
