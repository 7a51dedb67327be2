package io.aihub.model.resilience;

import io.aihub.api.error.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Retrier} retries retriable failures. Every component may be left out (null) in {@code model.yaml};
 * the compact constructor fills in the default and checks every value, reporting all problems at once.
 *
 * <p>Before attempt {@code n + 1} the retrier waits a random duration in {@code [0, min(maxBackoff,
 * initialBackoff * 2^(n-1))]} (exponential backoff with full jitter), or exactly the server's
 * {@code Retry-After} when a 429 carried one. A {@code Retry-After} longer than {@code maxRetryAfter} is not
 * waited for: the failure is handed to the caller at once.
 *
 * @param maxAttempts    calls in total, the first included; 1 turns retries off; default 3
 * @param initialBackoff the backoff cap before the second attempt; default 200 ms
 * @param maxBackoff     the largest backoff cap; default 5 s
 * @param maxRetryAfter  the longest {@code Retry-After} honoured by waiting; default 10 s
 */
public record RetryConfig(Integer maxAttempts, Duration initialBackoff, Duration maxBackoff,
        Duration maxRetryAfter) {

    public RetryConfig {
        maxAttempts = maxAttempts == null ? 3 : maxAttempts;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
        maxRetryAfter = maxRetryAfter == null ? Duration.ofSeconds(10) : maxRetryAfter;
        List<String> problems = new ArrayList<>();
        if (maxAttempts < 1 || maxAttempts > 10) {
            problems.add("maxAttempts must be between 1 and 10");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero()) {
            problems.add("initialBackoff must be positive");
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            problems.add("maxBackoff must not be shorter than initialBackoff");
        }
        if (maxRetryAfter.isNegative()) {
            problems.add("maxRetryAfter must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("retry", problems);
        }
    }

    /** Every setting at its default. */
    public static RetryConfig defaults() {
        return new RetryConfig(null, null, null, null);
    }

    /** One attempt, no retries. */
    public static RetryConfig none() {
        return new RetryConfig(1, null, null, null);
    }
}
