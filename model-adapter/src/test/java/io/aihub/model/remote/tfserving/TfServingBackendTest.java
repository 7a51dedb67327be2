package io.aihub.model.remote.tfserving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ModelBackendContract;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.RemoteFixtures;
import io.aihub.simulators.model.ModelFault;
import io.aihub.simulators.model.TfServingSimulator;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model backend contract and TF Serving's NaN outputs and errors, against the simulator. */
class TfServingBackendTest extends ModelBackendContract {

    private static TfServingSimulator server;

    @BeforeAll
    static void startServer() {
        server = TfServingSimulator.start("churn");
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

    private static TfServingBackend open() {
        ModelDescriptor descriptor = RemoteFixtures.churn("tfserving", server.baseUrl(), "churn",
                Duration.ofSeconds(5));
        return TfServingBackend.open(descriptor, RemoteFixtures.endpoint(descriptor));
    }

    @Override
    protected ModelBackend newBackend() {
        return open();
    }

    @Override
    protected List<FeatureRow> sampleRows() {
        return RemoteFixtures.ROWS;
    }

    @Test
    void bareNanOutputsFailOnlyTheirRows() {
        server.inject(ModelFault.nanOutput(0, 3), 1);
        try (TfServingBackend backend = open()) {
            List<ModelOutcome> outcomes = backend.predict(RemoteFixtures.ROWS.subList(0, 5));

            assertThat(outcomes).extracting(ModelOutcome::isSuccess).containsExactly(false, true, true, false, true);
            assertThat(outcomes.get(0).error()).isInstanceOf(PermanentException.class);
            assertThat(outcomes.get(3).error().code()).isEqualTo("MODEL_INVALID_OUTPUT");
            assertThat(outcomes.get(3).error().getMessage()).contains("not a finite number");
            assertThat(outcomes.get(1)).isEqualTo(backend.predict(RemoteFixtures.ROWS.subList(1, 2)).get(0));
        }
    }

    @Test
    void errorBodyBecomesAClearMessage() {
        server.inject(ModelFault.errorBody(404, "Servable not found for request: Latest(churn)"), 1);
        try (TfServingBackend backend = open()) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                    .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.getMessage())
                            .contains("/v1/models/churn:predict answered 404: Servable not found"));
        }
    }

    @Test
    void modelStatusDecidesReadiness() {
        try (TfServingBackend backend = open()) {
            assertThat(backend.ready()).isTrue();
            server.setReady(false);
            assertThat(backend.ready()).isFalse();
        }
    }
}
