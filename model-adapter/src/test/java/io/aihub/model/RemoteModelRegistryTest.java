package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.model.resilience.CircuitState;
import io.aihub.model.resilience.ResilientModelBackend;
import io.aihub.simulators.model.KServeV2Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote models loaded from model.yaml by the registry. */
class RemoteModelRegistryTest {

    @TempDir
    Path models;

    private void write(String yaml) throws Exception {
        Path dir = models.resolve("churn").resolve("1.0.0");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("model.yaml"), yaml);
    }

    private static String kserve(String url, String extra) {
        String shipped;
        try {
            shipped = Files.readString(ChurnFixtures.SHIPPED_MODEL_DIR.resolve("model.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return shipped.replace("backend: onnx\nfile: model.onnx\ninput: input\noutput: output\n",
                "backend: kserve-v2\nendpoint:\n  url: " + url + "\n  modelName: churn\n  timeout: 2s\n"
                        + "  apiKeyEnv: CHURN_TOKEN\n" + extra);
    }

    @Test
    void loadsAKServeModelWrappedInItsBreakerAndScores() throws Exception {
        try (KServeV2Simulator server = KServeV2Simulator.builder().start()) {
            write(kserve(server.baseUrl(), "resilience:\n  circuitBreaker:\n    slidingWindowSize: 5\n"));

            try (LoadedModel model = ModelRegistry.load(models, "churn", null, Map.of("CHURN_TOKEN", "t0k3n")::get)) {
                assertThat(model.backend()).isInstanceOf(ResilientModelBackend.class);
                ResilientModelBackend backend = (ResilientModelBackend) model.backend();
                assertThat(backend.circuitBreaker().name()).isEqualTo("model-churn");
                assertThat(backend.circuitBreaker().config().slidingWindowSize()).isEqualTo(5);
                assertThat(backend.circuitBreaker().state()).isEqualTo(CircuitState.CLOSED);
                assertThat(backend.metadata().backend()).isEqualTo("kserve-v2");
                assertThat(backend.predict(io.aihub.model.remote.RemoteFixtures.ROWS.subList(0, 3))).hasSize(3);
                assertThat(server.lastScoringHeader("Authorization")).contains("Bearer t0k3n");
            }
        }
    }

    @Test
    void servedModelThatDoesNotFitFailsTheLoad() throws Exception {
        try (KServeV2Simulator server = KServeV2Simulator.builder().features(9).start()) {
            write(kserve(server.baseUrl(), ""));

            assertThatThrownBy(() -> ModelRegistry.load(models, "churn", null, Map.of("CHURN_TOKEN", "x")::get))
                    .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.getMessage())
                            .contains("input 'input' has 9 features but model.yaml declares 8"));
        }
    }

    @Test
    void remoteDescriptorProblemsAreListedTogether() throws Exception {
        write(kserve("ftp://nowhere", "").replace("  modelName: churn\n", "") + "file: model.onnx\n");

        assertThatThrownBy(() -> ModelRegistry.load(models, "churn", null, name -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("url must be an absolute http or https URL");
    }
}
