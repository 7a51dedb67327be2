package io.aihub.model.remote.kserve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ModelBackendContract;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.RemoteFixtures;
import io.aihub.simulators.model.KServeV2Simulator;
import io.aihub.simulators.model.ModelFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model backend contract and the KServe v2 protocol's failure modes, against the simulator. */
class KServeV2BackendTest extends ModelBackendContract {

    private static KServeV2Simulator server;

    @BeforeAll
    static void startServer() {
        server = KServeV2Simulator.builder().start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.clearFaults();
        server.setReady(true);
    }

    private static KServeV2Backend open(String url, Duration timeout) {
        ModelDescriptor descriptor = RemoteFixtures.churn("kserve-v2", url, "churn", timeout);
        return KServeV2Backend.open(descriptor, RemoteFixtures.endpoint(descriptor));
    }

    @Override
    protected ModelBackend newBackend() {
        return open(server.baseUrl(), Duration.ofSeconds(5));
    }

    @Override
    protected List<FeatureRow> sampleRows() {
        return RemoteFixtures.ROWS;
    }

    @Test
    void answerWithAnotherRequestIdIsAPermanentProtocolError() {
        server.inject(ModelFault.wrongRequestId(), 1);
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 3)))
                    .isInstanceOfSatisfying(PermanentException.class, e -> {
                        assertThat(e.code()).isEqualTo("MODEL_BAD_RESPONSE");
                        assertThat(e.getMessage()).contains("id does not match the request id");
                    });
        }
    }

    @Test
    void nanOutputFailsThatRowAloneAndKeepsTheOthers() {
        server.inject(ModelFault.nanOutput(1), 1);
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofSeconds(5))) {
            List<ModelOutcome> outcomes = backend.predict(RemoteFixtures.ROWS.subList(0, 3));

            assertThat(outcomes.get(0).isSuccess()).isTrue();
            assertThat(outcomes.get(2).isSuccess()).isTrue();
            assertThat(outcomes.get(1).error().code()).isEqualTo("MODEL_INVALID_OUTPUT");
            assertThat(outcomes.get(1).error().getMessage()).contains("not a finite number");
        }
    }

    @Test
    void errorBodyBecomesAClearPermanentMessage() {
        server.inject(ModelFault.errorBody(400, "shape mismatch on input tensor"), 1);
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                    .isInstanceOfSatisfying(PermanentException.class, e -> {
                        assertThat(e.code()).isEqualTo("MODEL_REQUEST_REJECTED");
                        assertThat(e.getMessage()).contains("/v2/models/churn/infer answered 400: shape mismatch"
                                + " on input tensor");
                    });
        }
    }

    @Test
    void serverErrorsAndTimeoutsAreRetriable() {
        server.inject(ModelFault.status(503), 1);
        server.inject(ModelFault.delay(Duration.ofMillis(1500)), 1);
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofMillis(300))) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                    .isInstanceOfSatisfying(RetriableException.class,
                            e -> assertThat(e.code()).isEqualTo("MODEL_SERVER_ERROR"));
            long started = System.nanoTime();
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                    .isInstanceOfSatisfying(RetriableException.class,
                            e -> assertThat(e.code()).isEqualTo("MODEL_TIMEOUT"));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1200));
        }
    }

    @Test
    void resetConnectionsAndTruncatedBodiesAreRetriable() {
        server.inject(ModelFault.connectionReset(), 1);
        server.inject(ModelFault.truncatedBody(), 1);
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofSeconds(5))) {
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 2)))
                        .isInstanceOf(RetriableException.class);
            }
            assertThat(backend.predict(RemoteFixtures.ROWS.subList(0, 2))).allMatch(o -> o.isSuccess());
        }
    }

    @Test
    void outputOfTheWrongShapeIsAPermanentBadResponse() {
        server.inject(ModelFault.wrongOutputShape(), 1);
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 2)))
                    .isInstanceOfSatisfying(PermanentException.class,
                            e -> assertThat(e.code()).isEqualTo("MODEL_BAD_RESPONSE"));
        }
    }

    @Test
    void malformedBodyIsAPermanentBadResponse() {
        server.inject(ModelFault.malformedBody(), 1);
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                    .isInstanceOfSatisfying(PermanentException.class,
                            e -> assertThat(e.code()).isEqualTo("MODEL_BAD_RESPONSE"));
        }
    }

    @Test
    void notReadyServerIsReportedByStatusAndByBody() {
        try (KServeV2Backend backend = open(server.baseUrl(), Duration.ofSeconds(5))) {
            assertThat(backend.ready()).isTrue();
            assertThat(backend.live()).isTrue();
            server.setReady(false);
            assertThat(backend.ready()).isFalse();
        }
    }

    @Test
    void unreachableServerFailsTheLoadRetriably() {
        String url = server.baseUrl().replaceFirst(":\\d+$", ":1");
        assertThatThrownBy(() -> open(url, Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(RetriableException.class,
                        e -> assertThat(e.code()).isEqualTo("MODEL_UNAVAILABLE"));
    }

    @Test
    void metadataMismatchFailsTheLoadListingEveryProblem() {
        try (KServeV2Simulator other = KServeV2Simulator.builder().features(7).labels(3).inputDatatype("FP64")
                .start()) {
            assertThatThrownBy(() -> open(other.baseUrl(), Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(AihubException.class, e -> {
                        assertThat(e.code()).isEqualTo("MODEL_SCHEMA_MISMATCH");
                        assertThat(e.getMessage()).contains("input 'input' holds FP64, not FP32")
                                .contains("input 'input' has 7 features but model.yaml declares 8")
                                .contains("output 'output' has 3 labels but model.yaml declares 2");
                    });
        }
    }
}
