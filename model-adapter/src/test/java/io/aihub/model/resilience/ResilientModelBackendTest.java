package io.aihub.model.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.RemoteFixtures;
import io.aihub.model.remote.kserve.KServeV2Backend;
import io.aihub.simulators.model.KServeV2Simulator;
import io.aihub.simulators.model.ModelFault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and the breaker around a real backend, counting the requests the server saw. */
class ResilientModelBackendTest {

    private final AtomicLong now = new AtomicLong();
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private KServeV2Simulator server;
    private ResilientModelBackend backend;

    @BeforeEach
    void open() {
        server = KServeV2Simulator.builder().start();
        ModelDescriptor descriptor = RemoteFixtures.churn("kserve-v2", server.baseUrl(), "churn",
                Duration.ofSeconds(5));
        backend = new ResilientModelBackend(KServeV2Backend.open(descriptor, RemoteFixtures.endpoint(descriptor)),
                new Retrier("model-churn", new RetryConfig(3, Duration.ofMillis(100), Duration.ofSeconds(1),
                        Duration.ofSeconds(5)), sleeps::add, () -> 0.5),
                new CircuitBreaker("model-churn", new CircuitBreakerConfig(50.0, 4, 4, Duration.ofSeconds(10), 1),
                        now::get));
    }

    @AfterEach
    void close() {
        backend.close();
        server.close();
    }

    @Test
    void throttledCallWaitsForRetryAfterAndSucceeds() {
        server.inject(ModelFault.throttle(2), 1);

        assertThat(backend.predict(RemoteFixtures.ROWS.subList(0, 2))).hasSize(2);

        assertThat(server.scoringRequests()).isEqualTo(2);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void throttledCallAskingForTooLongIsHandedBackAtOnce() {
        server.inject(ModelFault.throttle(120), 1);

        assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                .isInstanceOfSatisfying(ThrottledException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(120)));
        assertThat(server.scoringRequests()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void permanentFailureIsNotRetried() {
        server.inject(ModelFault.errorBody(400, "bad tensor"), 3);

        assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                .isInstanceOf(PermanentException.class);
        assertThat(server.scoringRequests()).isEqualTo(1);
    }

    @Test
    void breakerOpensAfterRepeatedServerErrorsMakesNoCallsThenRecovers() {
        server.inject(ModelFault.status(503), 4);
        assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                .isInstanceOf(RetriableException.class);
        assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                .isInstanceOfSatisfying(CircuitOpenException.class,
                        e -> assertThat(e.code()).isEqualTo("MODEL_CIRCUIT_OPEN"));
        assertThat(server.scoringRequests()).isEqualTo(4);
        assertThat(backend.circuitBreaker().state()).isEqualTo(CircuitState.OPEN);
        assertThat(backend.ready()).isFalse();

        assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                .isInstanceOf(CircuitOpenException.class);
        assertThat(server.scoringRequests()).isEqualTo(4);

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(backend.predict(RemoteFixtures.ROWS.subList(0, 1)).get(0).isSuccess()).isTrue();
        assertThat(backend.circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
        assertThat(backend.ready()).isTrue();
    }
}
