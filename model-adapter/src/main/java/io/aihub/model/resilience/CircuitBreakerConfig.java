package io.aihub.model.resilience;

import io.aihub.api.error.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link CircuitBreaker} decides. Every component may be left out (null) in {@code model.yaml}; the
 * compact constructor fills in the default and checks every value, reporting all problems at once.
 *
 * @param failureRateThreshold         percentage of failed calls in the window that opens the breaker, in
 *                                     (0, 100]; default 50
 * @param slidingWindowSize            how many of the latest calls are counted; default 20
 * @param minimumNumberOfCalls         calls the window must hold before the rate is judged, at most the window
 *                                     size; default 10
 * @param waitInOpenState              how long the breaker stays open before letting probes through; default 30 s
 * @param permittedCallsInHalfOpenState how many probe calls are let through when half-open; all must succeed to
 *                                     close; default 2
 */
public record CircuitBreakerConfig(Double failureRateThreshold, Integer slidingWindowSize,
        Integer minimumNumberOfCalls, Duration waitInOpenState, Integer permittedCallsInHalfOpenState) {

    public CircuitBreakerConfig {
        failureRateThreshold = failureRateThreshold == null ? 50.0 : failureRateThreshold;
        slidingWindowSize = slidingWindowSize == null ? 20 : slidingWindowSize;
        minimumNumberOfCalls = minimumNumberOfCalls == null ? Math.min(10, slidingWindowSize)
                : minimumNumberOfCalls;
        waitInOpenState = waitInOpenState == null ? Duration.ofSeconds(30) : waitInOpenState;
        permittedCallsInHalfOpenState = permittedCallsInHalfOpenState == null ? 2 : permittedCallsInHalfOpenState;
        List<String> problems = new ArrayList<>();
        if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
            problems.add("failureRateThreshold must be a percentage in (0, 100]");
        }
        if (slidingWindowSize < 1 || slidingWindowSize > 10_000) {
            problems.add("slidingWindowSize must be between 1 and 10000");
        }
        if (minimumNumberOfCalls < 1 || minimumNumberOfCalls > slidingWindowSize) {
            problems.add("minimumNumberOfCalls must be between 1 and slidingWindowSize");
        }
        if (waitInOpenState.isNegative() || waitInOpenState.isZero()) {
            problems.add("waitInOpenState must be positive");
        }
        if (permittedCallsInHalfOpenState < 1) {
            problems.add("permittedCallsInHalfOpenState must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("circuitBreaker", problems);
        }
    }

    /** Every setting at its default. */
    public static CircuitBreakerConfig defaults() {
        return new CircuitBreakerConfig(null, null, null, null, null);
    }
}
