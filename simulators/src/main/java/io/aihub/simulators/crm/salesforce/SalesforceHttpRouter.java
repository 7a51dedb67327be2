package io.aihub.simulators.crm.salesforce;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.aihub.simulators.hostile.HostileBodies;
import io.aihub.simulators.hostile.HostileBody;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request of the simulator, and applies what all Salesforce endpoints share: the body size
 * limit, bearer authentication, the daily API limit, injected faults and the {@code Sforce-Limit-Info}
 * header on every response.
 */
final class SalesforceHttpRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceHttpRouter.class);

    private static final String TOKEN_PATH = "/services/oauth2/token";
    private static final Pattern DATA_PATH = Pattern.compile("/services/data/(v(\\d{2})\\.0)(/.*)?");
    private static final int OLDEST_VERSION = 50;
    private static final int NEWEST_VERSION = 62;
    /** A one-record query page; the marker is the hostile value ({@link HostileBodies}). */
    private static final String HOSTILE_PAGE = "{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":"
            + "{\"type\":\"Account\",\"url\":\"/services/data/v62.0/sobjects/Account/001000000000001AAA\"},"
            + "\"Id\":\"001000000000001AAA\",\"Name\":" + HostileBodies.VALUE_MARKER
            + ",\"SystemModstamp\":\"2026-01-01T00:00:00.000+0000\"}]}";

    private final OAuthTokenHandler oauth;
    private final QueryHandler queries;
    private final CompositeWriteHandler writes;
    private final AccessTokenStore tokens;
    private final ApiUsageCounter usage;
    private final FaultInjector faults;
    private final HostileBodies hostile;

    SalesforceHttpRouter(OAuthTokenHandler oauth, QueryHandler queries, CompositeWriteHandler writes,
            AccessTokenStore tokens, ApiUsageCounter usage, FaultInjector faults, HostileBodies hostile) {
        this.oauth = oauth;
        this.queries = queries;
        this.writes = writes;
        this.tokens = tokens;
        this.usage = usage;
        this.faults = faults;
        this.hostile = hostile;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SimResponse response;
        try {
            response = respond(exchange);
        } catch (ApiError e) {
            response = e.toResponse();
        } catch (RuntimeException e) {
            LOG.warn("AIHUB-SIM-0003 Unexpected failure serving {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            response = new ApiError(500, "UNKNOWN_EXCEPTION", "An unexpected error occurred.").toResponse();
        }
        LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                response.status());
        write(exchange, response);
    }

    private SimResponse respond(HttpExchange exchange) throws IOException {
        SimRequest request = read(exchange);
        String path = exchange.getRequestURI().getRawPath();
        if (path.equals(TOKEN_PATH)) {
            return oauth.handle(request);
        }
        Matcher m = DATA_PATH.matcher(path);
        if (!m.matches()) {
            throw ApiError.notFound();
        }
        int version = Integer.parseInt(m.group(2));
        if (version < OLDEST_VERSION || version > NEWEST_VERSION) {
            throw ApiError.notFound();
        }
        String userId = authenticate(request);
        if (!usage.tryCount()) {
            throw new ApiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
        }
        applyFault(faults.next());
        String resource = m.group(3) == null ? "" : m.group(3);
        if (resource.startsWith("/query") && request.method().equals("GET")) {
            HostileBody kind = hostile.take();
            if (kind != null) {
                return SimResponse.json(200, (SimResponse.StreamedBody) out -> hostile.stream(out, kind,
                        HOSTILE_PAGE));
            }
        }
        return dispatch(m.group(1), m.group(3) == null ? "" : m.group(3), request, userId);
    }

    private SimResponse dispatch(String version, String resource, SimRequest request, String userId) {
        if (resource.equals("/query") || resource.equals("/queryAll")) {
            requireMethod(request, "GET");
            return queries.query(version, request, resource.equals("/queryAll"));
        }
        if (resource.startsWith("/query/")) {
            requireMethod(request, "GET");
            return queries.nextPage(version, resource.substring("/query/".length()));
        }
        if (resource.startsWith("/queryAll/")) {
            requireMethod(request, "GET");
            return queries.nextPage(version, resource.substring("/queryAll/".length()));
        }
        if (resource.equals("/composite/sobjects")) {
            requireMethod(request, "PATCH");
            return writes.update(request, userId);
        }
        throw ApiError.notFound();
    }

    private String authenticate(SimRequest request) {
        String authorization = request.header("Authorization");
        String token = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        return tokens.userFor(token)
                .orElseThrow(() -> new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid"));
    }

    private static void requireMethod(SimRequest request, String allowed) {
        if (!request.method().equals(allowed)) {
            throw new ApiError(405, "METHOD_NOT_ALLOWED",
                    "HTTP Method '" + request.method() + "' not allowed. Allowed are " + allowed);
        }
    }

    private static void applyFault(FaultInjector.Fault fault) {
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiError(503, "SERVER_UNAVAILABLE", "Server is shutting down");
            }
        }
        switch (fault.status()) {
            case 0 -> {
            }
            case 401 -> throw new ApiError(401, "INVALID_SESSION_ID", "Session expired or invalid");
            case 403 -> throw new ApiError(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
            case 503 -> throw new ApiError(503, "SERVER_UNAVAILABLE", "Server temporarily unavailable");
            default -> throw new ApiError(fault.status(), "UNKNOWN_EXCEPTION", "An unexpected error occurred.");
        }
    }

    private static SimRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
            if (!h.getValue().isEmpty()) {
                headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
            }
        }
        String length = headers.get("content-length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > SalesforceJson.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(SalesforceJson.MAX_BODY_BYTES + 1);
        }
        if (body.length > SalesforceJson.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        return new SimRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                FormEncoding.decode(exchange.getRequestURI().getRawQuery()), headers, body);
    }

    private static ApiError tooLarge() {
        return new ApiError(413, "REQUEST_ENTITY_TOO_LARGE", "The request body exceeds 8 MiB");
    }

    private void write(HttpExchange exchange, SimResponse response) throws IOException {
        if (response.body() instanceof SimResponse.StreamedBody streamed) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Type", "application/json;charset=UTF-8");
            headers.set("Sforce-Limit-Info", usage.limitInfo());
            response.headers().forEach(headers::set);
            exchange.sendResponseHeaders(response.status(), 0);
            try (OutputStream out = new BufferedOutputStream(exchange.getResponseBody(), 64 * 1024)) {
                streamed.writeTo(out);
            }
            exchange.close();
            return;
        }
        byte[] bytes = response.body() == null ? new byte[0]
                : SalesforceJson.MAPPER.writeValueAsBytes(response.body());
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json;charset=UTF-8");
        headers.set("Sforce-Limit-Info", usage.limitInfo());
        response.headers().forEach(headers::set);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
