package io.aihub.model.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which failures are retried, how often, and how long the retrier waits, with a recording sleeper. */
class RetrierTest {

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final AtomicInteger attempts = new AtomicInteger();

    private Retrier retrier(double jitter) {
        return new Retrier("model-test", new RetryConfig(4, Duration.ofMillis(100), Duration.ofMillis(250),
                Duration.ofSeconds(5)), sleeps::add, () -> jitter);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        assertThatThrownBy(() -> retrier(0.5).call(() -> {
            attempts.incrementAndGet();
            throw new PermanentException("MODEL_REQUEST_REJECTED", "400");
        })).isInstanceOf(PermanentException.class);

        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void retriableFailuresAreRetriedUpToMaxAttemptsWithCappedExponentialFullJitter() {
        assertThatThrownBy(() -> retrier(0.5).call(() -> {
            attempts.incrementAndGet();
            throw new RetriableException("MODEL_SERVER_ERROR", "503");
        })).isInstanceOf(RetriableException.class);

        assertThat(attempts).hasValue(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(125));
    }

    @Test
    void jitterDrawsFromZeroUpToTheCap() {
        assertThat(retrier(0.0).waitBefore(2, new RetriableException("X", "x"))).isEqualTo(Duration.ZERO);
        assertThat(retrier(0.999).waitBefore(3, new RetriableException("X", "x")))
                .isLessThan(Duration.ofMillis(200)).isGreaterThan(Duration.ofMillis(199));
    }

    @Test
    void retryAfterIsHonouredExactly() {
        String result = retrier(0.5).call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new ThrottledException("429", Duration.ofSeconds(3));
            }
            return "ok";
        });

        assertThat(result).isEqualTo("ok");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterLongerThanTheBoundIsNotWaitedFor() {
        assertThatThrownBy(() -> retrier(0.5).call(() -> {
            attempts.incrementAndGet();
            throw new ThrottledException("429", Duration.ofSeconds(60));
        })).isInstanceOf(ThrottledException.class);

        assertThat(attempts).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void openCircuitIsNotRetried() {
        CircuitBreaker open = new CircuitBreaker("model-test", new CircuitBreakerConfig(50.0, 2, 1, null, null),
                () -> 0L);
        open.acquire().failure();

        assertThatThrownBy(() -> retrier(0.5).call(() -> open.execute(attempts::incrementAndGet)))
                .isInstanceOf(CircuitOpenException.class);
        assertThat(attempts).hasValue(0);
        assertThat(sleeps).isEmpty();
    }
}
