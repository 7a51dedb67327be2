package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.connectors.common.CancellableRequests;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated connection to one Salesforce org, shared by everything one connector instance does.
 *
 * <p>Logs in on first use with the configured {@link SalesforceLoginFlow} (OAuth 2.0 client credentials or
 * JWT bearer) and keeps the access token, the instance URL and the integration user's id. When a data call
 * gets 401 it logs in again once (with a fresh assertion in the JWT bearer flow) and repeats the call once; a
 * second 401 in a row is a {@link PermanentException} {@code SALESFORCE_AUTH}, as are refused credentials or
 * assertions. Transport failures, timeouts and 5xx are {@link RetriableException}
 * {@code SALESFORCE_UNAVAILABLE}; an exhausted daily limit is {@code SALESFORCE_QUOTA}; other 4xx are
 * {@link SalesforceRejectedException}s.
 *
 * <p>Thread-safe. {@link #close} may be called from any thread: it cancels requests in flight, whose
 * callers get a {@link RetriableException} {@code SALESFORCE_STOPPED} at once.
 */
public final class SalesforceSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceSession.class);

    /** Code of the error thrown by calls cancelled or attempted after {@link #close}. */
    public static final String STOPPED = "SALESFORCE_STOPPED";

    /** How much of an error response's body is read to classify it. */
    private static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    /**
     * Reads a response body from a stream.
     *
     * @param <T> what it makes of the body
     */
    @FunctionalInterface
    public interface BodyReader<T> {
        /** Reads the body; the stream is closed by the session afterwards. */
        T read(InputStream body) throws IOException;
    }

    private record Login(String accessToken, String instanceUrl, String userId) {
        @Override
        public String toString() {
            return "Login[instanceUrl=" + instanceUrl + ", userId=" + userId + "]";
        }
    }

    private final SalesforceConnectionSettings settings;
    private final SalesforceLoginFlow loginFlow;
    private final CancellableRequests requests;
    private final Object loginLock = new Object();
    private final Set<InputStream> openBodies = ConcurrentHashMap.newKeySet();
    private final AtomicReference<SalesforceApiUsage> usage = new AtomicReference<>();
    private volatile Login login;

    public SalesforceSession(SalesforceConnectionSettings settings) {
        this(settings, SalesforceLoginFlow.of(settings));
    }

    /** A session that logs in with {@code loginFlow} rather than the flow the settings configure. */
    SalesforceSession(SalesforceConnectionSettings settings, SalesforceLoginFlow loginFlow) {
        this.settings = settings;
        this.loginFlow = loginFlow;
        this.requests = new CancellableRequests(settings.connectTimeout(), this::stopped,
                (operation, what, cause) -> new RetriableException(SalesforceResponses.UNAVAILABLE, "connector '"
                        + settings.instanceName() + "': the " + operation + " request to Salesforce " + what, cause));
    }

    /** Logs in now (again, if logged in already). */
    public void login() {
        synchronized (loginLock) {
            login = requestToken();
        }
    }

    /** The id of the user the session acts as; every write through it carries this LastModifiedById. */
    public String userId() {
        return current().userId();
    }

    /** The API usage from the last response that reported it. */
    public Optional<SalesforceApiUsage> apiUsage() {
        return Optional.ofNullable(usage.get());
    }

    /**
     * GETs a path on the instance, e.g. a query or a {@code nextRecordsUrl}.
     *
     * @param operation names the call in error messages, e.g. {@code query}
     */
    public JsonNode get(String operation, String path, Map<String, String> headers) {
        return call(operation, "GET", path, headers, null);
    }

    /**
     * GETs a path on the instance and hands a 2xx body to {@code reader} as a stream, so a large response is
     * never held in memory whole. The body must be read within the request timeout (a watchdog closes the
     * stream then); other statuses are classified as for {@link #get(String, String, Map)}.
     *
     * @throws RetriableException {@code SALESFORCE_UNAVAILABLE} when the stream fails or ends early
     */
    public <T> T get(String operation, String path, Map<String, String> headers, BodyReader<T> reader) {
        Login used = current();
        HttpResponse<InputStream> response = send(operation, dataRequest(used, "GET", path, headers, null),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 401) {
            closeQuietly(response.body());
            LOG.info("AIHUB-SF-0002 Salesforce session of connector '{}' is no longer valid; logging in again",
                    settings.instanceName());
            response = send(operation, dataRequest(renew(used), "GET", path, headers, null),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 401) {
                closeQuietly(response.body());
                throw new PermanentException(SalesforceResponses.AUTH, "connector '" + settings.instanceName()
                        + "': Salesforce refused a fresh session for the " + operation
                        + " (INVALID_SESSION_ID twice in a row)");
            }
        }
        InputStream body = response.body();
        openBodies.add(body);
        CompletableFuture.delayedExecutor(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> {
                    if (openBodies.remove(body)) {
                        closeQuietly(body);
                    }
                });
        try (body) {
            if (requests.isClosed()) {
                throw stopped(operation);
            }
            int status = response.statusCode();
            if (status < 200 || status >= 300) {
                throw SalesforceResponses.failure(settings.instanceName(), operation, status,
                        body.readNBytes(MAX_ERROR_BODY_BYTES));
            }
            return reader.read(body);
        } catch (IOException e) {
            if (requests.isClosed()) {
                throw stopped(operation);
            }
            boolean timedOut = !openBodies.contains(body);
            throw new RetriableException(SalesforceResponses.UNAVAILABLE, "connector '" + settings.instanceName()
                    + "': reading Salesforce's answer to the " + operation + (timedOut ? " timed out" : " failed ("
                    + e.getClass().getSimpleName() + ")"), e);
        } finally {
            openBodies.remove(body);
        }
    }

    /** PATCHes a JSON body to a path on the instance. */
    public JsonNode patch(String operation, String path, JsonNode body) {
        try {
            return call(operation, "PATCH", path, Map.of("Content-Type", "application/json"),
                    SalesforceJson.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
    }

    /** Cancels requests in flight and refuses new ones; safe to call more than once, from any thread. */
    @Override
    public void close() {
        requests.close();
        openBodies.forEach(SalesforceSession::closeQuietly);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // the stream is abandoned either way
        }
    }

    private JsonNode call(String operation, String method, String path, Map<String, String> headers, byte[] body) {
        Login used = current();
        HttpResponse<byte[]> response = send(operation, dataRequest(used, method, path, headers, body),
                CancellableRequests.bytesUpTo(SalesforceJson.MAX_RESPONSE_BYTES));
        if (response.statusCode() == 401) {
            LOG.info("AIHUB-SF-0002 Salesforce session of connector '{}' is no longer valid; logging in again",
                    settings.instanceName());
            response = send(operation, dataRequest(renew(used), method, path, headers, body),
                    CancellableRequests.bytesUpTo(SalesforceJson.MAX_RESPONSE_BYTES));
            if (response.statusCode() == 401) {
                throw new PermanentException(SalesforceResponses.AUTH, "connector '" + settings.instanceName()
                        + "': Salesforce refused a fresh session for the " + operation
                        + " (INVALID_SESSION_ID twice in a row)");
            }
        }
        return SalesforceResponses.body(settings.instanceName(), operation, response);
    }

    private HttpRequest dataRequest(Login with, String method, String path, Map<String, String> headers,
            byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(with.instanceUrl() + path))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + with.accessToken())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return request.build();
    }

    private Login current() {
        Login now = login;
        if (now != null) {
            return now;
        }
        synchronized (loginLock) {
            if (login == null) {
                login = requestToken();
            }
            return login;
        }
    }

    /** Logs in again unless another thread already replaced the stale login. */
    private Login renew(Login stale) {
        synchronized (loginLock) {
            if (login == stale || login == null) {
                login = requestToken();
            }
            return login;
        }
    }

    private Login requestToken() {
        String form = loginFlow.tokenRequestForm();
        HttpRequest request = HttpRequest.newBuilder(URI.create(trimSlash(settings.loginUrl().toString())
                        + "/services/oauth2/token"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<byte[]> response = send("login", request, CancellableRequests.bytesUpTo(SalesforceJson.MAX_RESPONSE_BYTES));
        if (response.statusCode() == 400 || response.statusCode() == 401) {
            throw new PermanentException(SalesforceResponses.AUTH, "connector '" + settings.instanceName()
                    + "': Salesforce refused the " + loginFlow.description() + " (HTTP " + response.statusCode()
                    + ", " + SalesforceResponses.oauthError(response.body()) + ")");
        }
        JsonNode body = SalesforceResponses.body(settings.instanceName(), "login", response);
        String token = body.path("access_token").asText("");
        String instanceUrl = trimSlash(body.path("instance_url").asText(""));
        String identity = body.path("id").asText("");
        String userId = identity.substring(identity.lastIndexOf('/') + 1);
        if (token.isEmpty() || !instanceUrl.matches("https?://.+") || userId.isEmpty()) {
            throw new PermanentException(SalesforceResponses.PROTOCOL, "connector '" + settings.instanceName()
                    + "': the token response lacks access_token, instance_url or id");
        }
        LOG.info("AIHUB-SF-0001 Connector '{}' logged in to Salesforce at {} as user {} ({})",
                settings.instanceName(), instanceUrl, userId, settings.authFlow().configValue());
        return new Login(token, instanceUrl, userId);
    }

    private <T> HttpResponse<T> send(String operation, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response = requests.send(operation, request, handler);
        response.headers().firstValue("Sforce-Limit-Info").flatMap(SalesforceApiUsage::parse).ifPresent(usage::set);
        return response;
    }

    private RetriableException stopped(String operation) {
        return new RetriableException(STOPPED, "connector '" + settings.instanceName() + "': the " + operation
                + " was cancelled because the connector is stopping");
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
