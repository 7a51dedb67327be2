package io.aihub.model.resilience;

import io.aihub.api.error.AihubException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a supplier up to {@link RetryConfig#maxAttempts()} times, retrying only retriable {@link AihubException}s
 * other than {@link CircuitOpenException}; permanent failures and other exceptions go to the caller at once.
 * Waits follow {@link RetryConfig}: full jitter over an exponentially growing cap, or the server's
 * {@code Retry-After} when it is no longer than {@code maxRetryAfter}. Thread-safe.
 */
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final String name;
    private final RetryConfig config;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    /**
     * @param name    names the caller in logs, e.g. {@code model-churn}
     * @param config  attempts and waits
     * @param sleeper how to wait; {@link Sleeper#system()} outside tests
     * @param jitter  uniform random numbers in [0, 1); tests pass a fixed one
     */
    public Retrier(String name, RetryConfig config, Sleeper sleeper, DoubleSupplier jitter) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /** A retrier that really sleeps, with random jitter. */
    public static Retrier of(String name, RetryConfig config) {
        return new Retrier(name, config, Sleeper.system(), () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The retry settings. */
    public RetryConfig config() {
        return config;
    }

    /**
     * Runs {@code call}, retrying retriable failures.
     *
     * @return the first successful result
     * @throws AihubException the last failure when attempts run out, a permanent failure at once, or a throttled
     *                        failure whose {@code Retry-After} is longer than {@code maxRetryAfter}
     */
    public <T> T call(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (AihubException e) {
                if (!e.retriable() || e instanceof CircuitOpenException || attempt >= config.maxAttempts()) {
                    throw e;
                }
                Duration wait = waitBefore(attempt + 1, e);
                if (wait == null) {
                    throw e;
                }
                LOG.debug("AIHUB-MODEL-0311 {} attempt {} of {} failed with {}; retrying in {} ms", name, attempt,
                        config.maxAttempts(), e.code(), wait.toMillis());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    e.addSuppressed(interrupted);
                    throw e;
                }
            }
        }
    }

    /**
     * The wait before {@code nextAttempt} (2 or more) after {@code failure}, or null when the server asked for
     * more than {@code maxRetryAfter}.
     */
    Duration waitBefore(int nextAttempt, AihubException failure) {
        if (failure instanceof ThrottledException throttled && throttled.retryAfter().isPresent()) {
            Duration asked = throttled.retryAfter().get();
            return asked.compareTo(config.maxRetryAfter()) <= 0 ? asked : null;
        }
        long initial = config.initialBackoff().toNanos();
        long cap = config.maxBackoff().toNanos();
        int doublings = Math.min(nextAttempt - 2, 40);
        long ceiling = initial > (cap >> doublings) ? cap : Math.min(cap, initial << doublings);
        return Duration.ofNanos((long) (jitter.getAsDouble() * ceiling));
    }
}
