package io.aihub.model.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.error.AihubException;
import io.aihub.simulators.model.KServeV2Simulator;
import io.aihub.simulators.model.ModelFault;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A model server that echoes the API key and the request's personal data in its error body (as some hosted APIs
 * do): the hub's error message, which reaches logs and dead-letter reasons, carries neither.
 */
class RemoteEndpointRedactionTest {

    private static final String API_KEY = "sk-canary-model-key-0b7e55";

    @Test
    void errorMessageShouldCarryNeitherTheApiKeyNorPersonalDataTheServerEchoed() {
        try (KServeV2Simulator server = KServeV2Simulator.builder().start()) {
            server.inject(ModelFault.errorBody(401, "Incorrect API key provided: " + API_KEY + " for customer "
                    + "jane.canary@example.com (IBAN DE89370400440532013000)"), 1);
            RemoteEndpoint endpoint = RemoteEndpoint.of("churn 1.0.0", new EndpointSettings(server.baseUrl(), "churn",
                    null, Duration.ofSeconds(5), null, "AIHUB_TEST_MODEL_KEY", null), Duration.ofSeconds(5),
                    name -> name.equals("AIHUB_TEST_MODEL_KEY") ? API_KEY : null);

            HttpReply reply = endpoint.exchange("POST", "v2/models/churn/infer", "{\"inputs\":[]}");
            AihubException failure = endpoint.failure("POST /v2/models/churn/infer", reply);

            assertThat(server.lastScoringHeader("Authorization")).contains("Bearer " + API_KEY);
            assertThat(failure.code()).isEqualTo(RemoteEndpoint.AUTH_FAILED);
            assertThat(failure.getMessage()).contains("answered 401: Incorrect API key provided: ****")
                    .doesNotContain(API_KEY, "jane.canary", "DE89370400440532013000");
        }
    }
}
