package io.aihub.simulators.crm.dataverse;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.aihub.simulators.hostile.HostileBodies;
import io.aihub.simulators.hostile.HostileBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches every request of the simulator and applies what all Web API calls share: the body size limit,
 * bearer authentication (401 with {@code WWW-Authenticate} and no body, as Dataverse answers), injected
 * faults, and the OData headers.
 */
final class DataverseHttpRouter implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DataverseHttpRouter.class);

    /** The Web API root every data path starts with. */
    static final String API_PATH = "/api/data/v9.2/";

    private static final Pattern DATA_PATH = Pattern.compile("/api/data/v9\\.[0-2]/(.+)");
    private static final Pattern ENTITY = Pattern.compile("accounts\\(([0-9a-fA-F-]{36})\\)");

    private final String tokenPath;
    private final DataverseTokens tokens;
    private final AccountsResource accounts;
    private final DataverseFaults faults;
    private final Supplier<String> baseUrl;
    private final UUID applicationUserId;
    private final AtomicLong dataRequests = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    DataverseHttpRouter(String tokenPath, DataverseTokens tokens, AccountsResource accounts, DataverseFaults faults,
            Supplier<String> baseUrl, UUID applicationUserId) {
        this.tokenPath = tokenPath;
        this.tokens = tokens;
        this.accounts = accounts;
        this.faults = faults;
        this.baseUrl = baseUrl;
        this.applicationUserId = applicationUserId;
    }

    long dataRequests() {
        return dataRequests.get();
    }

    long throttledResponses() {
        return throttled.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        DataverseResponse response;
        try {
            response = respond(exchange);
        } catch (ODataError e) {
            response = new DataverseResponse(e.status(), e.body(), e.headers());
        } catch (RuntimeException e) {
            LOG.warn("AIHUB-SIM-0103 Unexpected failure serving {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            response = new DataverseResponse(500, new ODataError(500, ODataError.UNEXPECTED,
                    "An unexpected error occurred.").body(), Map.of());
        }
        LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                response.status());
        write(exchange, response);
    }

    private DataverseResponse respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        byte[] body = readBody(exchange);
        if (path.equals(tokenPath)) {
            return tokens.token(method, body, baseUrl.get());
        }
        Matcher m = DATA_PATH.matcher(path);
        if (!m.matches()) {
            throw ODataError.resourceNotFound(path);
        }
        Headers headers = exchange.getRequestHeaders();
        if (!tokens.valid(headers.getFirst("Authorization"))) {
            return new DataverseResponse(401, null, Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\","
                    + " error_description=\"Error during token validation!\", authorization_uri=\""
                    + baseUrl.get() + tokenPath + "\""));
        }
        dataRequests.incrementAndGet();
        applyFault(faults.next());
        String resource = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
        Map<String, String> params = query(exchange.getRequestURI().getRawQuery());
        if (resource.equals("WhoAmI") || resource.equals("WhoAmI()")) {
            requireMethod(method, "GET");
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("@odata.context", baseUrl.get() + API_PATH + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            answer.put("BusinessUnitId", DataverseSimulator.BUSINESS_UNIT_ID.toString());
            answer.put("UserId", applicationUserId.toString());
            answer.put("OrganizationId", DataverseSimulator.ORGANIZATION_ID.toString());
            return DataverseResponse.json(200, answer);
        }
        if (resource.equals(AccountsResource.ENTITY_SET)) {
            requireMethod(method, "GET");
            HostileBody hostile = faults.hostile.take();
            if (hostile != null) {
                return new DataverseResponse(200, hostile, Map.of());
            }
            return accounts.list(path, params, headers.getFirst("Prefer"));
        }
        Matcher entity = ENTITY.matcher(resource);
        if (entity.matches()) {
            UUID id = UUID.fromString(entity.group(1));
            if (method.equals("GET")) {
                HostileBody hostile = faults.hostile.take();
                if (hostile != null) {
                    return new DataverseResponse(200, hostile, Map.of());
                }
                return accounts.get(id, params);
            }
            requireMethod(method, "PATCH");
            return accounts.patch(id, body, headers.getFirst("If-Match"));
        }
        throw ODataError.resourceNotFound(resource);
    }

    private void applyFault(DataverseFaults.Fault fault) {
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ODataError(503, ODataError.UNEXPECTED, "The service is shutting down.");
            }
        }
        Duration retryAfter = fault.throttleFor();
        if (retryAfter != null) {
            throttled.incrementAndGet();
            throw new ODataError(429, ODataError.TOO_MANY_REQUESTS, "Number of requests exceeded the limit of 6000"
                    + " over time window of 300 seconds.", Map.of("Retry-After",
                    Long.toString((retryAfter.toMillis() + 999) / 1000)));
        }
        if (fault.status() != 0) {
            throw new ODataError(fault.status(), ODataError.UNEXPECTED, "An unexpected error occurred.");
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new ODataError(405, ODataError.BAD_QUERY, "The HTTP method '" + method + "' is not allowed here.");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(DataverseJson.MAX_BODY_BYTES + 1);
        }
        if (body.length > DataverseJson.MAX_BODY_BYTES) {
            throw new ODataError(413, ODataError.BAD_QUERY, "The request body is too large.");
        }
        return body;
    }

    private void write(HttpExchange exchange, DataverseResponse response) throws IOException {
        if (response.body() instanceof HostileBody hostile) {
            exchange.getResponseHeaders().set("OData-Version", "4.0");
            faults.hostile.send(exchange, hostile, "application/json; odata.metadata=minimal",
                    "{\"@odata.context\":\"" + baseUrl.get() + API_PATH + "$metadata#accounts\",\"value\":[{"
                    + "\"@odata.etag\":\"W/\\\"1000\\\"\",\"accountid\":\"00000000-0000-0000-0000-000000000001\","
                    + "\"name\":" + HostileBodies.VALUE_MARKER + ",\"modifiedon\":\"2026-01-01T00:00:00Z\"}]}");
            return;
        }
        byte[] bytes = response.body() == null ? new byte[0] : DataverseJson.MAPPER.writeValueAsBytes(response.body());
        Headers headers = exchange.getResponseHeaders();
        headers.set("OData-Version", "4.0");
        if (bytes.length > 0) {
            headers.set("Content-Type", "application/json; odata.metadata=minimal");
        }
        response.headers().forEach(headers::set);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
