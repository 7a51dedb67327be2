package io.aihub.model.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The breaker's states and transitions, on a controllable clock. */
class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> transitions = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final CircuitBreaker breaker = newBreaker();

    private CircuitBreaker newBreaker() {
        CircuitBreaker b = new CircuitBreaker("model-test", new CircuitBreakerConfig(50.0, 10, 4,
                Duration.ofSeconds(30), 2), now::get);
        b.addListener((name, from, to) -> transitions.add(name + ":" + from + "->" + to));
        return b;
    }

    private void succeed() {
        breaker.execute(() -> calls.incrementAndGet());
    }

    private void fail() {
        assertThatThrownBy(() -> breaker.execute(() -> {
            calls.incrementAndGet();
            throw new RetriableException("MODEL_SERVER_ERROR", "boom");
        })).isInstanceOf(RetriableException.class).isNotInstanceOf(CircuitOpenException.class);
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void staysClosedUntilTheMinimumNumberOfCallsIsReached() {
        fail();
        fail();
        fail();

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.failureRate()).isEqualTo(-1);
    }

    @Test
    void opensAtTheConfiguredFailureRate() {
        succeed();
        succeed();
        fail();
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);

        fail();

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        assertThat(transitions).containsExactly("model-test:CLOSED->OPEN");
    }

    @Test
    void makesNoCallsWhileOpen() {
        openIt();
        int before = calls.get();

        assertThatThrownBy(this::succeed).isInstanceOfSatisfying(CircuitOpenException.class, e -> {
            assertThat(e.code()).isEqualTo("MODEL_CIRCUIT_OPEN");
            assertThat(e.retriable()).isTrue();
            assertThat(e.getMessage()).contains("'model-test' is OPEN");
        });
        advance(Duration.ofSeconds(29));
        assertThatThrownBy(this::succeed).isInstanceOf(CircuitOpenException.class);
        assertThat(calls.get()).isEqualTo(before);
    }

    @Test
    void halfOpenLetsTheConfiguredProbesThroughAndClosesWhenTheySucceed() {
        openIt();
        advance(Duration.ofSeconds(30));

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        CircuitBreaker.Permit first = breaker.acquire();
        CircuitBreaker.Permit second = breaker.acquire();
        assertThatThrownBy(breaker::acquire).isInstanceOfSatisfying(CircuitOpenException.class,
                e -> assertThat(e.state()).isEqualTo(CircuitState.HALF_OPEN));
        first.success();
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
        second.success();

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.bufferedCalls()).isZero();
        assertThat(transitions).containsExactly("model-test:CLOSED->OPEN", "model-test:OPEN->HALF_OPEN",
                "model-test:HALF_OPEN->CLOSED");
    }

    @Test
    void aFailingProbeOpensTheBreakerAgainForAnotherWait() {
        openIt();
        advance(Duration.ofSeconds(30));

        fail();

        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        advance(Duration.ofSeconds(29));
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
        advance(Duration.ofSeconds(1));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    @Test
    void permanentFailuresCountAsAnsweredCalls() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> breaker.execute(() -> {
                throw new PermanentException("MODEL_REQUEST_REJECTED", "bad row");
            })).isInstanceOf(PermanentException.class);
        }

        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
        assertThat(breaker.failureRate()).isZero();
    }

    @Test
    void onlyTheLatestCallsOfTheWindowCount() {
        for (int i = 0; i < 4; i++) {
            succeed();
        }
        fail();
        fail();
        fail();
        for (int i = 0; i < 7; i++) {
            succeed();
        }

        assertThat(breaker.bufferedCalls()).isEqualTo(10);
        assertThat(breaker.failureRate()).isEqualTo(30.0);
        assertThat(breaker.state()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void outcomesOfCallsAdmittedBeforeTheBreakerOpenedAreIgnored() {
        CircuitBreaker.Permit late = breaker.acquire();
        openIt();
        advance(Duration.ofSeconds(30));
        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);

        late.failure();

        assertThat(breaker.state()).isEqualTo(CircuitState.HALF_OPEN);
    }

    private void openIt() {
        for (int i = 0; i < 4; i++) {
            fail();
        }
        assertThat(breaker.state()).isEqualTo(CircuitState.OPEN);
    }
}
