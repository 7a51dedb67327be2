package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.connectors.common.CancellableRequests;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated connection to one Dataverse environment, shared by everything one connector instance does.
 *
 * <p>Gets an access token with the OAuth 2.0 client credentials grant ({@code POST tokenUrl},
 * {@code scope=<orgUrl>/.default}) on first use and again shortly before it expires. A data call answered 401
 * gets a fresh token and is sent once more; a second 401 is a {@link PermanentException}
 * {@value DataverseErrors#AUTH}, as is a refused token request. A 429 is waited out for its
 * {@code Retry-After} when that is at most {@code maxThrottleWait}, up to {@value #MAX_THROTTLE_WAITS} times per
 * call; otherwise the call fails with the retriable {@value DataverseErrors#THROTTLED}. Timeouts and transport
 * failures are retriable {@value DataverseErrors#UNAVAILABLE}. Other statuses are returned to the caller.
 *
 * <p>Requests go only to the configured token URL and to URLs under the organization URL: a next link pointing
 * elsewhere is refused, so the token never leaves the environment. Thread-safe. {@link #close} may be called from
 * any thread: it cancels requests in flight and ends throttle waits; their callers get the retriable
 * {@value DataverseErrors#STOPPED} at once.
 */
final class DataverseSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataverseSession.class);

    /** How many 429s one call waits out before failing. */
    static final int MAX_THROTTLE_WAITS = 3;
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(2);
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /**
     * A response to a data call.
     *
     * @param status  the HTTP status
     * @param body    the body bytes; empty when there was none
     * @param headers the response headers
     */
    record Response(int status, byte[] body, HttpHeaders headers) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private record Token(String value, Instant renewAfter) {
        @Override
        public String toString() {
            return "Token[renewAfter=" + renewAfter + "]";
        }
    }

    private final DataverseConnectionSettings settings;
    private final CancellableRequests requests;
    private final Clock clock;
    private final Object tokenLock = new Object();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Token token;
    private volatile String userId;

    DataverseSession(DataverseConnectionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.requests = new CancellableRequests(settings.connectTimeout(), this::stopped,
                (operation, what, cause) -> new RetriableException(DataverseErrors.UNAVAILABLE, "connector '"
                        + settings.instanceName() + "': the " + operation + " to Dataverse " + what, cause));
    }

    /** Gets a token now (again, if one is held), so that bad credentials fail here. */
    void authenticate() {
        synchronized (tokenLock) {
            token = requestToken();
        }
    }

    /** The id of the application user the session acts as ({@code WhoAmI}); asked once, then remembered. */
    String userId() {
        String known = userId;
        if (known == null) {
            Response response = send("WhoAmI", "GET", settings.apiRoot() + "WhoAmI", Map.of(), null);
            if (!response.ok()) {
                throw DataverseErrors.failure(settings.instanceName(), "WhoAmI", response.status(), response.body());
            }
            known = DataverseErrors.json(settings.instanceName(), "WhoAmI", response.body()).path("UserId").asText("");
            if (known.isEmpty()) {
                throw new PermanentException(DataverseErrors.PROTOCOL, "connector '" + settings.instanceName()
                        + "': the WhoAmI answer has no UserId");
            }
            userId = known;
        }
        return known;
    }

    /** GETs a URL under the organization and returns its JSON; any status but 2xx is thrown as classified. */
    JsonNode getJson(String operation, String url, Map<String, String> headers) {
        Response response = send(operation, "GET", url, headers, null);
        if (!response.ok()) {
            throw DataverseErrors.failure(settings.instanceName(), operation, response.status(), response.body());
        }
        return DataverseErrors.json(settings.instanceName(), operation, response.body());
    }

    /**
     * Sends a data call with authentication, the 401 renewal and the 429 waits described above.
     *
     * @param operation names the call in messages, e.g. {@code query}
     * @param url       an absolute URL that must lie under the organization URL
     * @param body      the JSON body, or null
     */
    Response send(String operation, String method, String url, Map<String, String> headers, byte[] body) {
        if (!url.startsWith(settings.orgUrl() + "/")) {
            throw new PermanentException(DataverseErrors.PROTOCOL, "connector '" + settings.instanceName()
                    + "': refusing to send the " + operation + " outside the organization URL");
        }
        Token used = current();
        Response response = exchange(operation, dataRequest(used, method, url, headers, body));
        if (response.status() == 401) {
            LOG.info("AIHUB-DV-0002 Dataverse token of connector '{}' was refused; getting a new one",
                    settings.instanceName());
            response = exchange(operation, dataRequest(renew(used), method, url, headers, body));
            if (response.status() == 401) {
                throw new PermanentException(DataverseErrors.AUTH, "connector '" + settings.instanceName()
                        + "': Dataverse refused a fresh token for the " + operation + " (HTTP 401 twice in a row)");
            }
        }
        for (int waits = 0; response.status() == 429; waits++) {
            Duration retryAfter = retryAfter(response);
            if (waits == MAX_THROTTLE_WAITS || retryAfter.compareTo(settings.maxThrottleWait()) > 0) {
                throw new RetriableException(DataverseErrors.THROTTLED, "connector '" + settings.instanceName()
                        + "': Dataverse throttled the " + operation + " (HTTP 429, Retry-After "
                        + retryAfter.toSeconds() + " s, " + DataverseErrors.read(response.body()).describe() + ")");
            }
            LOG.info("AIHUB-DV-0003 Dataverse throttled the {} of connector '{}'; waiting {} s as Retry-After asks",
                    operation, settings.instanceName(), retryAfter.toSeconds());
            pause(operation, retryAfter);
            response = exchange(operation, dataRequest(current(), method, url, headers, body));
        }
        return response;
    }

    /** Cancels requests in flight and throttle waits and refuses new calls; idempotent, from any thread. */
    @Override
    public void close() {
        requests.close();
        closing.countDown();
    }

    private static Duration retryAfter(Response response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isPresent() && header.get().trim().matches("\\d{1,6}")) {
            return Duration.ofSeconds(Long.parseLong(header.get().trim()));
        }
        return DEFAULT_RETRY_AFTER;
    }

    private void pause(String operation, Duration duration) {
        try {
            if (closing.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                throw stopped(operation);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw stopped(operation);
        }
    }

    private HttpRequest dataRequest(Token with, String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + with.value())
                .header("Accept", "application/json")
                .header("OData-MaxVersion", "4.0")
                .header("OData-Version", "4.0")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return request.build();
    }

    private Token current() {
        Token now = token;
        if (now != null && clock.instant().isBefore(now.renewAfter())) {
            return now;
        }
        synchronized (tokenLock) {
            if (token == null || !clock.instant().isBefore(token.renewAfter())) {
                token = requestToken();
            }
            return token;
        }
    }

    /** Gets a new token unless another thread already replaced the refused one. */
    private Token renew(Token refused) {
        synchronized (tokenLock) {
            if (token == refused || token == null) {
                token = requestToken();
            }
            return token;
        }
    }

    private Token requestToken() {
        String form = "grant_type=client_credentials&client_id=" + encode(settings.clientId()) + "&client_secret="
                + encode(settings.clientSecret()) + "&scope=" + encode(settings.scope());
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Response response = exchange("token request", request);
        if (response.status() >= 500 || response.status() == 429) {
            throw new RetriableException(DataverseErrors.UNAVAILABLE, "connector '" + settings.instanceName()
                    + "': the token endpoint answered HTTP " + response.status());
        }
        if (!response.ok()) {
            throw new PermanentException(DataverseErrors.AUTH, "connector '" + settings.instanceName()
                    + "': Entra ID refused the client credentials of client " + settings.clientId() + " (HTTP "
                    + response.status() + ", " + DataverseErrors.oauthError(response.body()) + ")");
        }
        JsonNode body = DataverseErrors.json(settings.instanceName(), "token request", response.body());
        String value = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (value.isEmpty() || expiresIn <= 0) {
            throw new PermanentException(DataverseErrors.PROTOCOL, "connector '" + settings.instanceName()
                    + "': the token response lacks access_token or expires_in");
        }
        Duration lifetime = Duration.ofSeconds(expiresIn);
        Duration margin = lifetime.compareTo(RENEW_BEFORE_EXPIRY.multipliedBy(2)) > 0 ? RENEW_BEFORE_EXPIRY
                : lifetime.dividedBy(2);
        LOG.info("AIHUB-DV-0001 Connector '{}' got a Dataverse token for {} (valid {} s)", settings.instanceName(),
                settings.orgUrl(), expiresIn);
        return new Token(value, clock.instant().plus(lifetime).minus(margin));
    }

    private Response exchange(String operation, HttpRequest request) {
        HttpResponse<byte[]> response = requests.send(operation, request, CancellableRequests.bytesUpTo(DataverseJson.MAX_RESPONSE_BYTES));
        return new Response(response.statusCode(), response.body() == null ? new byte[0] : response.body(),
                response.headers());
    }

    private RetriableException stopped(String operation) {
        return new RetriableException(DataverseErrors.STOPPED, "connector '" + settings.instanceName() + "': the "
                + operation + " was cancelled because the connector is stopping");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
