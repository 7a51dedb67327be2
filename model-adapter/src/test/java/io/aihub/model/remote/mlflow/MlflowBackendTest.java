package io.aihub.model.remote.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ModelBackendContract;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.RemoteFixtures;
import io.aihub.simulators.model.MlflowSimulator;
import io.aihub.simulators.model.MlflowSimulator.OutputFormat;
import io.aihub.simulators.model.ModelFault;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The model backend contract and MLflow's answer shapes and errors, against the simulator. */
class MlflowBackendTest extends ModelBackendContract {

    private static MlflowSimulator server;

    @BeforeAll
    static void startServer() {
        server = MlflowSimulator.start(OutputFormat.PROBABILITY_LISTS);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetServer() {
        server.clearFaults();
        server.outputFormat(OutputFormat.PROBABILITY_LISTS);
    }

    private static MlflowBackend open(String url) {
        ModelDescriptor descriptor = RemoteFixtures.churn("mlflow", url, null, Duration.ofSeconds(5));
        return MlflowBackend.open(descriptor, RemoteFixtures.endpoint(descriptor));
    }

    @Override
    protected ModelBackend newBackend() {
        return open(server.baseUrl());
    }

    @Override
    protected List<FeatureRow> sampleRows() {
        return RemoteFixtures.ROWS;
    }

    @Test
    void sendsADataframeSplitWithTheFeatureNamesAsColumns() {
        try (MlflowBackend backend = open(server.baseUrl())) {
            backend.predict(RemoteFixtures.ROWS.subList(0, 2));
        }
        assertThat(server.lastScoringBody().path("dataframe_split").path("columns").get(0).asText())
                .isEqualTo("days_since_login");
        assertThat(server.lastScoringBody().path("dataframe_split").path("data")).hasSize(2);
    }

    @Test
    void numbersAndLabelObjectsGiveTheSameScoresAsProbabilityLists() {
        try (MlflowBackend backend = open(server.baseUrl())) {
            List<FeatureRow> rows = RemoteFixtures.ROWS.subList(0, 10);
            List<ModelOutcome> lists = backend.predict(rows);
            server.outputFormat(OutputFormat.POSITIVE_NUMBERS);
            List<ModelOutcome> numbers = backend.predict(rows);
            server.outputFormat(OutputFormat.LABEL_OBJECTS);
            List<ModelOutcome> objects = backend.predict(rows);

            for (int i = 0; i < rows.size(); i++) {
                double score = lists.get(i).prediction().score();
                assertThat(numbers.get(i).prediction().score()).isCloseTo(score, offset(1e-6));
                assertThat(numbers.get(i).prediction().label()).isEqualTo(lists.get(i).prediction().label());
                assertThat(objects.get(i).prediction()).isEqualTo(lists.get(i).prediction());
            }
        }
    }

    @Test
    void mlflowErrorBodyBecomesAPermanentErrorWithItsCodeAndMessage() {
        server.inject(ModelFault.errorBody(400, "Model is missing inputs ['nps']."), 1);
        try (MlflowBackend backend = open(server.baseUrl())) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                    .isInstanceOfSatisfying(PermanentException.class, e -> {
                        assertThat(e.code()).isEqualTo("MODEL_REQUEST_REJECTED");
                        assertThat(e.getMessage()).contains("answered 400: BAD_REQUEST: Model is missing inputs");
                    });
        }
    }

    @Test
    void unsupportedMediaTypeSaysWhatIsWrong() {
        server.inject(ModelFault.errorBody(415, "This predictor only supports the following content types"), 1);
        try (MlflowBackend backend = open(server.baseUrl())) {
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 1)))
                    .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.getMessage())
                            .contains("answered 415").contains("does not take application/json"));
        }
    }

    @Test
    void pingDecidesReadiness() {
        try (MlflowBackend backend = open(server.baseUrl())) {
            assertThat(backend.ready()).isTrue();
            server.setReady(false);
            try {
                assertThat(backend.ready()).isFalse();
            } finally {
                server.setReady(true);
            }
        }
    }
}
