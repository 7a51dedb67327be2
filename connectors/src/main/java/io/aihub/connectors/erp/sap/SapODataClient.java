package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.connectors.common.CancellableRequests;
import io.aihub.connectors.common.JsonReadFailures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to one OData v2 service: every request carries the configured basic or bearer credentials and asks
 * for JSON. Writes carry SAP's CSRF protection: before the first write the client GETs the service root with
 * {@code X-CSRF-Token: Fetch} and keeps the token and the session cookies that came with it; a write refused
 * with 403 and {@code x-csrf-token: Required} fetches a new token once and is repeated once.
 *
 * <p>Thread-safe. {@link #close} may be called from any thread: it cancels requests in flight, whose callers
 * get a {@link RetriableException} {@value SapErrors#STOPPED} at once. Neither credentials, the CSRF token nor
 * cookies are ever logged or put into messages.
 */
final class SapODataClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SapODataClient.class);

    /** The token and cookies of one SAP session. */
    private record CsrfSession(String token, String cookies) {
        @Override
        public String toString() {
            return "CsrfSession[****]";
        }
    }

    private final SapConnectionSettings settings;
    private final CancellableRequests requests;
    private final String authorization;
    private CsrfSession csrf;

    SapODataClient(SapConnectionSettings settings) {
        this.settings = settings;
        this.requests = new CancellableRequests(settings.connectTimeout(), this::stopped,
                (operation, what, cause) -> new RetriableException(SapErrors.UNAVAILABLE, "connector '"
                        + settings.instanceName() + "': the " + operation + " request to SAP " + what, cause));
        this.authorization = settings.authMode() == SapAuthMode.BASIC
                ? "Basic " + Base64.getEncoder().encodeToString((settings.username() + ":" + settings.password())
                        .getBytes(StandardCharsets.UTF_8))
                : "Bearer " + settings.bearerToken();
    }

    /** The URL of {@code relative} below the service root, with {@code query} (already encoded) if any. */
    URI uri(String relative, String query) {
        String sapClient = settings.sapClient().isEmpty() ? "" : "sap-client=" + settings.sapClient();
        String all = query == null || query.isEmpty() ? sapClient
                : query.contains("sap-client=") || sapClient.isEmpty() ? query : query + "&" + sapClient;
        return URI.create(settings.serviceRoot() + "/" + relative + (all.isEmpty() ? "" : "?" + all));
    }

    /**
     * GETs JSON; any status but 2xx is thrown as classified by {@link SapErrors#failure}.
     *
     * @param operation names the call in messages, e.g. {@code query}
     */
    JsonNode getJson(String operation, URI uri) {
        HttpResponse<byte[]> response = send(operation, request(uri).GET().build());
        if (response.statusCode() / 100 != 2) {
            throw SapErrors.failure(settings.instanceName(), operation, response.statusCode(), response.body(),
                    settings.authMode().configValue());
        }
        return parse(operation, response.body());
    }

    /**
     * PATCHes a JSON body with the CSRF token and session cookies (fetched first if needed) and
     * {@code If-Match} when {@code ifMatch} is not null; returns the response whatever its status, except that
     * a CSRF refusal is answered by one fresh token fetch and one repeat.
     *
     * @throws PermanentException {@code SAP_CSRF} when the repeat is refused too
     */
    HttpResponse<byte[]> patch(String operation, URI uri, byte[] json, String ifMatch) {
        CsrfSession session = csrfSession(null);
        HttpResponse<byte[]> response = send(operation, patchRequest(uri, json, ifMatch, session));
        if (csrfRefused(response)) {
            LOG.info("AIHUB-SAP-0004 CSRF token of connector '{}' was refused; fetching a new one",
                    settings.instanceName());
            session = csrfSession(session);
            response = send(operation, patchRequest(uri, json, ifMatch, session));
            if (csrfRefused(response)) {
                throw new PermanentException("SAP_CSRF", "connector '" + settings.instanceName() + "': SAP refused"
                        + " a freshly fetched CSRF token for the " + operation + " (" + SapErrors.describe(
                        response.statusCode(), response.body()) + "); check that requests reach one session (load"
                        + " balancer stickiness) and that the user may write");
            }
        }
        return response;
    }

    /** Fetches a CSRF token now, so missing rights or credentials show at start. */
    void fetchCsrfToken() {
        csrfSession(null);
    }

    JsonNode parse(String operation, byte[] body) {
        try {
            JsonNode node = SapJson.MAPPER.readTree(body);
            if (node == null) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw new PermanentException(SapErrors.PROTOCOL, "connector '" + settings.instanceName() + "': SAP's"
                    + " answer to the " + operation + " is not readable JSON (" + JsonReadFailures.why(e) + ")");
        }
    }

    /** Cancels requests in flight and refuses new ones; safe to call more than once, from any thread. */
    @Override
    public void close() {
        requests.close();
    }

    private static boolean csrfRefused(HttpResponse<byte[]> response) {
        return response.statusCode() == 403 && response.headers().firstValue("x-csrf-token")
                .map(v -> v.equalsIgnoreCase("Required")).orElse(false);
    }

    /** The current session, or a freshly fetched one when there is none or {@code stale} is current. */
    private synchronized CsrfSession csrfSession(CsrfSession stale) {
        if (csrf != null && csrf != stale) {
            return csrf;
        }
        HttpRequest request = request(uri("", null)).header("X-CSRF-Token", "Fetch").GET().build();
        HttpResponse<byte[]> response = send("CSRF token fetch", request);
        if (response.statusCode() / 100 != 2) {
            throw SapErrors.failure(settings.instanceName(), "CSRF token fetch", response.statusCode(),
                    response.body(), settings.authMode().configValue());
        }
        String token = response.headers().firstValue("x-csrf-token").orElse("");
        if (token.isEmpty() || token.equalsIgnoreCase("Required")) {
            throw new PermanentException(SapErrors.PROTOCOL, "connector '" + settings.instanceName() + "': the"
                    + " service root answered the CSRF token fetch without a token");
        }
        List<String> cookies = new ArrayList<>();
        for (String setCookie : response.headers().allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0].trim();
            if (pair.contains("=")) {
                cookies.add(pair);
            }
        }
        csrf = new CsrfSession(token, String.join("; ", cookies));
        LOG.debug("Connector '{}' fetched a CSRF token with {} session cookie(s)", settings.instanceName(),
                cookies.size());
        return csrf;
    }

    private HttpRequest patchRequest(URI uri, byte[] json, String ifMatch, CsrfSession session) {
        HttpRequest.Builder builder = request(uri)
                .header("Content-Type", "application/json")
                .header("X-CSRF-Token", session.token())
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(json));
        if (!session.cookies().isEmpty()) {
            builder.header("Cookie", session.cookies());
        }
        if (ifMatch != null) {
            builder.header("If-Match", ifMatch);
        }
        return builder.build();
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Authorization", authorization)
                .header("Accept", "application/json");
    }

    private HttpResponse<byte[]> send(String operation, HttpRequest request) {
        return requests.send(operation, request, CancellableRequests.bytesUpTo(SapJson.MAX_RESPONSE_BYTES));
    }

    private RetriableException stopped(String operation) {
        return new RetriableException(SapErrors.STOPPED, "connector '" + settings.instanceName() + "': the "
                + operation.toLowerCase(Locale.ROOT) + " was cancelled because the connector is stopping");
    }
}
