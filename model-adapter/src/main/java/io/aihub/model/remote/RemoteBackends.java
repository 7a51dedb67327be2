package io.aihub.model.remote;

import io.aihub.model.ModelDescriptor;
import io.aihub.model.remote.kserve.KServeV2Backend;
import io.aihub.model.remote.mlflow.MlflowBackend;
import io.aihub.model.remote.openai.OpenAiChatBackend;
import io.aihub.model.remote.tfserving.TfServingBackend;
import io.aihub.model.resilience.CircuitBreaker;
import io.aihub.model.resilience.ResilienceSettings;
import io.aihub.model.resilience.ResilientModelBackend;
import io.aihub.model.resilience.Retrier;
import io.aihub.model.resilience.RetryConfig;
import io.aihub.model.resilience.Sleeper;
import io.aihub.model.resilience.Ticker;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Opens the remote backend a descriptor names, wrapped in a {@link ResilientModelBackend} with the descriptor's
 * {@code resilience} settings and a breaker named {@code model-<name>}. Batch backends are retried per
 * {@code predict} call (one HTTP request each); the chat backend retries each record's request itself.
 */
public final class RemoteBackends {

    /** Request deadline of the batch backends when {@code endpoint.timeout} is not set. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    /** Request deadline of the chat backend when {@code endpoint.timeout} is not set. */
    public static final Duration DEFAULT_CHAT_TIMEOUT = Duration.ofSeconds(30);

    private RemoteBackends() {
    }

    /** Opens the backend with real sleeps and the system clock. */
    public static ResilientModelBackend open(ModelDescriptor descriptor, SecretSource secrets) {
        return open(descriptor, secrets, Sleeper.system(), Ticker.system());
    }

    /**
     * Opens the backend.
     *
     * @param sleeper waits between retries
     * @param ticker  the breaker's clock
     * @throws IllegalArgumentException when the descriptor's backend is not remote
     */
    public static ResilientModelBackend open(ModelDescriptor descriptor, SecretSource secrets, Sleeper sleeper,
            Ticker ticker) {
        ResilienceSettings resilience = descriptor.resilience() == null ? ResilienceSettings.defaults()
                : descriptor.resilience();
        String name = "model-" + descriptor.name();
        boolean chat = "openai-chat".equals(descriptor.backend());
        RemoteEndpoint endpoint = RemoteEndpoint.of(descriptor.reference(), descriptor.endpoint(),
                chat ? DEFAULT_CHAT_TIMEOUT : DEFAULT_TIMEOUT, secrets);
        Retrier retrier = new Retrier(name, resilience.retry(), sleeper,
                () -> ThreadLocalRandom.current().nextDouble());
        CircuitBreaker breaker = new CircuitBreaker(name, resilience.circuitBreaker(), ticker);
        return switch (descriptor.backend()) {
            case "kserve-v2" -> new ResilientModelBackend(KServeV2Backend.open(descriptor, endpoint), retrier,
                    breaker);
            case "mlflow" -> new ResilientModelBackend(MlflowBackend.open(descriptor, endpoint), retrier, breaker);
            case "tfserving" -> new ResilientModelBackend(TfServingBackend.open(descriptor, endpoint), retrier,
                    breaker);
            case "openai-chat" -> new ResilientModelBackend(OpenAiChatBackend.open(descriptor, endpoint, retrier),
                    new Retrier(name, RetryConfig.none(), sleeper, () -> 0.0), breaker);
            default -> throw new IllegalArgumentException("backend '" + descriptor.backend() + "' is not remote");
        };
    }
}
