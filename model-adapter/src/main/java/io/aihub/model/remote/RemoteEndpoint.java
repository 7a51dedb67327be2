package io.aihub.model.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.AihubException;
import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.error.SafeText;
import io.aihub.api.http.BoundedBody;
import io.aihub.model.resilience.ThrottledException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One model server as seen by a remote backend: a JDK {@link HttpClient} (HTTP/1.1), the base URL, the deadline
 * and the optional bearer token. Every request carries the deadline as its {@link HttpRequest#timeout()} and is
 * also abandoned when the whole exchange, body included, takes longer. Failures become typed errors:
 *
 * <ul>
 *   <li>retriable: deadline passed ({@value #TIMEOUT}), connection failure ({@value #UNAVAILABLE}), 429
 *       ({@link ThrottledException}, with {@code Retry-After} in seconds or as an HTTP date), 408 and 5xx
 *       ({@value #SERVER_ERROR});</li>
 *   <li>permanent: 401 and 403 ({@value #AUTH_FAILED}), other 4xx ({@value #REJECTED}), a body that is not the
 *       JSON expected or breaks the protocol ({@value #BAD_RESPONSE}).</li>
 * </ul>
 *
 * <p>Messages name the model, the request and the server's own error text (cut at 300 characters), never the
 * token or a request value. Thread-safe.
 */
public final class RemoteEndpoint {

    /** Error code: the request's deadline passed. */
    public static final String TIMEOUT = "MODEL_TIMEOUT";
    /** Error code: the server could not be reached. */
    public static final String UNAVAILABLE = "MODEL_UNAVAILABLE";
    /** Error code: the server failed (5xx, 408). */
    public static final String SERVER_ERROR = "MODEL_SERVER_ERROR";
    /** Error code: the server refused the credentials (401, 403). */
    public static final String AUTH_FAILED = "MODEL_AUTH_FAILED";
    /** Error code: the server rejected the request (4xx). */
    public static final String REJECTED = "MODEL_REQUEST_REJECTED";
    /** Error code: the answer is not what the protocol promises. */
    public static final String BAD_RESPONSE = "MODEL_BAD_RESPONSE";
    /** Largest response body read, in bytes. */
    public static final int MAX_RESPONSE_BYTES = 16 << 20;

    private final String reference;
    private final URI base;
    private final Duration timeout;
    private final String bearerToken;
    private final HttpClient client;

    private RemoteEndpoint(String reference, URI base, Duration timeout, Duration connectTimeout,
            String bearerToken) {
        this.reference = reference;
        this.base = base;
        this.timeout = timeout;
        this.bearerToken = bearerToken;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * An endpoint for a model's {@code endpoint} settings.
     *
     * @param reference       names the model in messages, e.g. {@code churn 1.0.0}
     * @param settings        URL, deadlines, token variable
     * @param defaultTimeout  the deadline when the settings name none
     * @param secrets         where the token variable is looked up
     * @throws ConfigException when {@code apiKeyEnv} names a variable that is not set
     */
    public static RemoteEndpoint of(String reference, EndpointSettings settings, Duration defaultTimeout,
            SecretSource secrets) {
        String token = null;
        if (settings.apiKeyEnv() != null) {
            token = secrets.secret(settings.apiKeyEnv());
            if (token == null || token.isBlank()) {
                throw new ConfigException("model " + reference, List.of("endpoint.apiKeyEnv names "
                        + settings.apiKeyEnv() + ", which is not set"));
            }
        }
        return new RemoteEndpoint(reference, settings.baseUri(), settings.timeoutOr(defaultTimeout),
                settings.connectTimeout(), token);
    }

    /** The request deadline. */
    public Duration timeout() {
        return timeout;
    }

    /** {@code base URL + path}, for messages. */
    public URI uri(String path) {
        return base.resolve(path);
    }

    /**
     * Sends one request and returns the answer whatever its status.
     *
     * @param method   {@code GET} or {@code POST}
     * @param path     relative to the base URL, without a leading slash
     * @param jsonBody the body for POST, or null
     * @throws RetriableException {@value #TIMEOUT} or {@value #UNAVAILABLE}
     * @throws PermanentException {@value #BAD_RESPONSE} when the body is larger than {@value #MAX_RESPONSE_BYTES}
     */
    public HttpReply exchange(String method, String path, String jsonBody) {
        URI uri = uri(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json");
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        if (jsonBody != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        String what = method + " " + uri.getPath();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request.build(), BoundedBody.upTo(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(timeout.toMillis() + 50, TimeUnit.MILLISECONDS);
            return new HttpReply(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8),
                    response.headers());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(what, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RetriableException(UNAVAILABLE, "model " + reference + ": " + what + " was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (BoundedBody.isTooLarge(cause)) {
                throw new PermanentException(BAD_RESPONSE, "model " + reference + ": " + what + " answered more than "
                        + MAX_RESPONSE_BYTES + " bytes; the rest was not read");
            }
            if (cause instanceof HttpConnectTimeoutException || !(cause instanceof HttpTimeoutException)) {
                throw new RetriableException(UNAVAILABLE, "model " + reference + ": " + what + " failed: "
                        + describe(cause), cause);
            }
            throw timedOut(what, cause);
        }
    }

    private RetriableException timedOut(String what, Throwable cause) {
        return new RetriableException(TIMEOUT, "model " + reference + ": " + what + " got no answer within "
                + timeout.toMillis() + " ms", cause);
    }

    private static String describe(Throwable cause) {
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (cause instanceof IOException) {
            return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        }
        return String.valueOf(cause);
    }

    /**
     * Sends one request and returns its JSON body when the status is 2xx.
     *
     * @throws AihubException the classified failure of a non-2xx answer; {@value #BAD_RESPONSE} when a 2xx body
     *                        is not JSON
     */
    public JsonNode json(String method, String path, String jsonBody) {
        HttpReply reply = exchange(method, path, jsonBody);
        if (!reply.ok()) {
            throw failure(method + " " + uri(path).getPath(), reply);
        }
        return RemoteJson.tryParse(reply.body()).orElseThrow(() -> new PermanentException(BAD_RESPONSE, "model "
                + reference + ": " + method + " " + uri(path).getPath() + " answered " + reply.status()
                + " with a body that is not JSON"));
    }

    /** The typed error for a non-2xx answer to {@code what} (e.g. {@code POST /invocations}). */
    public AihubException failure(String what, HttpReply reply) {
        int status = reply.status();
        Optional<String> serverText = RemoteJson.serverMessage(reply.body())
                .map(text -> SafeText.scrub(text, Collections.singletonList(bearerToken)))
                .filter(text -> !text.isEmpty());
        String message = "model " + reference + ": " + what + " answered " + status
                + serverText.map(t -> ": " + t).orElse("");
        if (status == 429) {
            return new ThrottledException(message, retryAfter(reply).orElse(null));
        }
        if (status == 408 || status >= 500) {
            return new RetriableException(SERVER_ERROR, message);
        }
        if (status == 401 || status == 403) {
            return new PermanentException(AUTH_FAILED, message + " (check the credentials)");
        }
        if (status == 415) {
            return new PermanentException(REJECTED, message + " (the server does not take application/json here;"
                    + " is the URL a scoring endpoint?)");
        }
        return new PermanentException(REJECTED, message);
    }

    /** {@code Retry-After} as a duration: delta-seconds or an HTTP date (relative to now, never negative). */
    static Optional<Duration> retryAfter(HttpReply reply) {
        Optional<String> header = reply.headers().firstValue("Retry-After").map(String::trim);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.matches("\\d{1,9}")) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Asks a health endpoint: ready when the status is 2xx and, only if there is a JSON body, {@code readyField}
     * (when named) is not {@code false}. Never throws; any failure means not ready.
     */
    public boolean healthy(String path, String readyField) {
        try {
            HttpReply reply = exchange("GET", path, null);
            if (!reply.ok()) {
                return false;
            }
            if (!reply.hasBody() || readyField == null) {
                return true;
            }
            return RemoteJson.tryParse(reply.body()).map(b -> !b.path(readyField).isBoolean()
                    || b.path(readyField).asBoolean()).orElse(true);
        } catch (AihubException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "RemoteEndpoint[" + base + ", timeout " + timeout.toMillis() + " ms"
                + (bearerToken == null ? "" : ", bearer token set") + "]";
    }
}
