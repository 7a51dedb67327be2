package io.aihub.model.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.ModelBackend;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.kserve.KServeV2Backend;
import io.aihub.model.remote.mlflow.MlflowBackend;
import io.aihub.model.remote.tfserving.TfServingBackend;
import io.aihub.simulators.model.KServeV2Simulator;
import io.aihub.simulators.model.MlflowSimulator;
import io.aihub.simulators.model.ModelFault;
import io.aihub.simulators.model.ModelServerSimulator;
import io.aihub.simulators.model.TfServingSimulator;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A model server that answers 200 with JSON nested 100,000 deep, or with a 256 MiB chunked body, gets a clear
 * permanent {@code MODEL_BAD_RESPONSE} from every remote backend: no StackOverflowError (the shared JSON limits
 * stop at depth 64), and the huge body is cut off at the response limit instead of being buffered whole (the
 * simulator counts how much it could send before the client stopped reading). The OpenAI chat backend reads through
 * the same {@link RemoteEndpoint} and {@link RemoteJson}.
 */
class HostileModelResponseTest {

    record Server(String name, Supplier<ModelServerSimulator> start, Function<String, ModelBackend> open) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> servers() {
        return Stream.of(
                server("kserve", () -> KServeV2Simulator.builder().start(),
                        url -> KServeV2Backend.open(descriptor("kserve-v2", url), endpoint("kserve-v2", url))),
                server("mlflow", () -> MlflowSimulator.start(MlflowSimulator.OutputFormat.PROBABILITY_LISTS),
                        url -> MlflowBackend.open(mlflow(url), RemoteFixtures.endpoint(mlflow(url)))),
                server("tfserving", () -> TfServingSimulator.start("churn"),
                        url -> TfServingBackend.open(descriptor("tfserving", url), endpoint("tfserving", url))));
    }

    private static Arguments server(String name, Supplier<ModelServerSimulator> start,
            Function<String, ModelBackend> open) {
        return Arguments.of(new Server(name, start, open));
    }

    private static ModelDescriptor descriptor(String backend, String url) {
        return RemoteFixtures.churn(backend, url, "churn", Duration.ofSeconds(30));
    }

    private static ModelDescriptor mlflow(String url) {
        return RemoteFixtures.churn("mlflow", url, null, Duration.ofSeconds(30));
    }

    private static RemoteEndpoint endpoint(String backend, String url) {
        return RemoteFixtures.endpoint(descriptor(backend, url));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void deepJsonIsAClearBadResponseWithoutStackOverflow(Server server) {
        try (ModelServerSimulator simulator = server.start().get();
                ModelBackend backend = server.open().apply(simulator.baseUrl())) {
            simulator.inject(ModelFault.deepBody(), 1);
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 2)))
                    .isInstanceOfSatisfying(PermanentException.class,
                            e -> assertThat(e.code()).isEqualTo("MODEL_BAD_RESPONSE"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void hugeChunkedBodyIsCutOffAtTheLimit(Server server) {
        try (ModelServerSimulator simulator = server.start().get();
                ModelBackend backend = server.open().apply(simulator.baseUrl())) {
            simulator.inject(ModelFault.hugeBody(), 1);
            assertThatThrownBy(() -> backend.predict(RemoteFixtures.ROWS.subList(0, 2)))
                    .isInstanceOfSatisfying(PermanentException.class,
                            e -> assertThat(e.code()).isEqualTo("MODEL_BAD_RESPONSE"));
            assertThat(simulator.lastHugeBodyBytesSent()).as("bytes the server could send")
                    .isLessThan(ModelServerSimulator.HUGE_BODY_BYTES / 4);
        }
    }
}
