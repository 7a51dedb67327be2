package io.aihub.simulators.erp.sap;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves every request of the simulator the way SAP Gateway does: basic or bearer authentication, injected
 * faults, CSRF token fetch and validation, then the service document, entity set queries
 * ({@code $filter, $orderby, $top, $skip, $skiptoken, $select, $inlinecount}), single entity reads with an
 * {@code ETag} header, and {@code PATCH}/{@code MERGE} (also as {@code POST} with {@code X-HTTP-Method}) with
 * If-Match checks.
 *
 * <p>Server-side paging, when switched on for a service, works as SAP's generic implementation does: the
 * {@code $skiptoken} in {@code __next} is the offset into the re-executed query.
 */
final class SapODataHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SapODataHandler.class);

    private static final Pattern PATH = Pattern.compile(Pattern.quote(SapService.ROOT_PATH)
            + "([A-Z0-9_]+)(/([A-Za-z0-9_]+)(\\('(.*)'\\))?)?/?");
    private static final Set<String> MODIFYING = Set.of("POST", "PUT", "PATCH", "MERGE", "DELETE");

    private final Map<String, SapService> services = new HashMap<>();
    private final Map<SapService, EntityTable> tables;
    private final Map<SapService, IntSupplier> serverPageSizes;
    private final SapODataSimulator.Counters counters;
    private final SapFaults faults;
    private final CsrfSessions csrf;
    private final Supplier<String> baseUrl;
    private final Credentials credentials;
    private final boolean requireIfMatch;
    private final EditHook edits;

    /** The credentials the server accepts and the SAP user each stands for. */
    record Credentials(String username, String password, String bearerToken, String user) {
    }

    /** What the simulator does to a record edited "by someone else" just before a write. */
    @FunctionalInterface
    interface EditHook {
        void editByAnotherUser(SapService service, String key);
    }

    SapODataHandler(Map<SapService, EntityTable> tables, Map<SapService, IntSupplier> serverPageSizes,
            SapODataSimulator.Counters counters, SapFaults faults, CsrfSessions csrf, Supplier<String> baseUrl,
            Credentials credentials, boolean requireIfMatch, EditHook edits) {
        for (SapService service : SapService.values()) {
            services.put(service.serviceName(), service);
        }
        this.tables = tables;
        this.serverPageSizes = serverPageSizes;
        this.counters = counters;
        this.faults = faults;
        this.csrf = csrf;
        this.baseUrl = baseUrl;
        this.credentials = credentials;
        this.requireIfMatch = requireIfMatch;
        this.edits = edits;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        SimResponse response;
        try {
            response = respond(exchange);
        } catch (SapODataError e) {
            response = e.toResponse();
        } catch (RuntimeException e) {
            LOG.warn("AIHUB-SIM-0113 Unexpected failure serving {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
            response = new SapODataError(500, "/IWBEP/CM_MGW_RT/000", "Internal server error").toResponse();
        }
        LOG.debug("{} {} -> {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                response.status());
        write(exchange, response);
    }

    private SimResponse respond(HttpExchange exchange) throws IOException {
        Headers in = exchange.getRequestHeaders();
        byte[] body;
        try (InputStream stream = exchange.getRequestBody()) {
            body = stream.readNBytes(SapJson.MAX_BODY_BYTES + 1);
        }
        if (body.length > SapJson.MAX_BODY_BYTES) {
            throw new SapODataError(413, "/IWFND/CM_BEC/413", "Request body too large");
        }
        Matcher m = PATH.matcher(exchange.getRequestURI().getPath());
        if (!m.matches() || !services.containsKey(m.group(1))) {
            throw SapODataError.notFound(exchange.getRequestURI().getPath());
        }
        SapService service = services.get(m.group(1));
        String user = authenticate(in.getFirst("Authorization"));
        counters.requests.incrementAndGet();
        applyFault(faults.next());

        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String override = in.getFirst("X-HTTP-Method");
        if (method.equals("POST") && override != null) {
            method = override.toUpperCase(Locale.ROOT);
        }
        String sessionId = cookie(in.getFirst("Cookie"));
        Map<String, String> extraHeaders = new LinkedHashMap<>();
        if (method.equals("GET") && "fetch".equalsIgnoreCase(in.getFirst("X-CSRF-Token"))) {
            String[] session = csrf.fetch(sessionId);
            extraHeaders.put("x-csrf-token", session[1]);
            extraHeaders.put("Set-Cookie", CsrfSessions.COOKIE + "=" + session[0] + "; path=/; HttpOnly");
        }
        if (MODIFYING.contains(method) && !csrf.accept(sessionId, in.getFirst("X-CSRF-Token"))) {
            counters.csrfRejections.incrementAndGet();
            return new SimResponse(403, "CSRF token validation failed", Map.of("x-csrf-token", "Required"));
        }

        String entitySet = m.group(3);
        String key = m.group(5);
        if (entitySet == null) {
            requireMethod(method, "GET");
            return SimResponse.json(200, Map.of("d", Map.of("EntitySets", List.of(service.entitySet()))),
                    extraHeaders);
        }
        if (!entitySet.equals(service.entitySet())) {
            throw SapODataError.notFound(entitySet);
        }
        if (method.equals("GET")) {
            HostileBody hostile = faults.hostile.take();
            if (hostile != null) {
                return SimResponse.json(200, hostile, extraHeaders);
            }
        }
        if (key == null) {
            requireMethod(method, "GET");
            counters.queries.incrementAndGet();
            return query(service, exchange.getRequestURI().getRawQuery(), exchange.getRequestURI().getRawPath(),
                    extraHeaders);
        }
        return switch (method) {
            case "GET" -> read(service, key, extraHeaders);
            case "PATCH", "MERGE" -> update(service, key, in.getFirst("If-Match"), body, user);
            default -> throw new SapODataError(405, "/IWBEP/CM_MGW_RT/021", "Method " + method + " not allowed");
        };
    }

    private SimResponse read(SapService service, String key, Map<String, String> headers) {
        Map<String, Object> row = tables.get(service).get(key);
        if (row == null) {
            throw SapODataError.notFound(service.entitySet() + "('" + key + "')");
        }
        Map<String, String> withEtag = new LinkedHashMap<>(headers);
        withEtag.put("ETag", EntityTable.etag(row));
        return SimResponse.json(200, Map.of("d", entity(service, row, null)), withEtag);
    }

    private SimResponse update(SapService service, String key, String ifMatch, byte[] body, String user) {
        EntitySchema schema = EntitySchema.of(service);
        JsonNode json;
        try {
            json = SapJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw SapODataError.badRequest("The request body is not valid JSON");
        }
        if (json == null || !json.isObject()) {
            throw SapODataError.badRequest("The request body must be a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) json::fields) {
            if (field.getKey().equals("__metadata")) {
                continue;
            }
            ODataProperty property = schema.property(field.getKey()).orElseThrow(() -> SapODataError.badRequest(
                    "Property '" + field.getKey() + "' is invalid"));
            if (!property.updatable()) {
                throw SapODataError.badRequest("Property '" + property.name() + "' is not updatable");
            }
            values.put(property.name(), property.type().fromJson(property.name(), field.getValue(),
                    property.maxLength()));
        }
        if (faults.takeEditBeforeWrite(service, key)) {
            edits.editByAnotherUser(service, key);
        }
        Map<String, Object> after;
        try {
            after = tables.get(service).patch(key, values, ifMatch, requireIfMatch, user);
        } catch (EntityTable.WriteRefused e) {
            throw switch (e.refusal) {
                case NOT_FOUND -> SapODataError.notFound(service.entitySet() + "('" + key + "')");
                case PRECONDITION_REQUIRED -> {
                    counters.preconditionRequired.incrementAndGet();
                    yield new SapODataError(428, "/IWBEP/CM_MGW_RT/137",
                            "Precondition required: the request must carry an If-Match header");
                }
                case PRECONDITION_FAILED -> {
                    counters.preconditionFailed.incrementAndGet();
                    yield new SapODataError(412, "/IWBEP/CM_MGW_RT/116",
                            "Precondition failed: the entity was changed since it was read (ETag mismatch)");
                }
            };
        }
        counters.recordWrite(service, key, values, after);
        return SimResponse.noContent(Map.of("ETag", EntityTable.etag(after)));
    }

    private SimResponse query(SapService service, String rawQuery, String rawPath, Map<String, String> headers) {
        EntitySchema schema = EntitySchema.of(service);
        Map<String, String> options = decodeQuery(rawQuery);
        Predicate<Map<String, Object>> filter = options.containsKey("$filter")
                ? ODataFilter.parse(options.get("$filter"), schema) : row -> true;
        Comparator<Map<String, Object>> order = orderBy(options.get("$orderby"), schema, service);
        List<String> select = options.containsKey("$select")
                ? List.of(options.get("$select").split(",")).stream().map(String::trim).toList() : null;
        if (select != null) {
            for (String name : select) {
                schema.property(name).orElseThrow(() -> SapODataError.badRequest("Property '" + name
                        + "' not found in $select"));
            }
        }
        Integer top = options.containsKey("$top") ? count(options.get("$top"), "$top") : null;
        int skip = options.containsKey("$skip") ? count(options.get("$skip"), "$skip") : 0;
        int skiptoken = options.containsKey("$skiptoken") ? count(options.get("$skiptoken"), "$skiptoken") : 0;

        int serverPage = serverPageSizes.get(service).getAsInt();
        EntityTable.Slice slice = tables.get(service).query(filter, order, total -> {
            int start = Math.min(total, skip + skiptoken);
            int end = Math.max(start, top == null ? total : Math.min(total, skip + top));
            if (serverPage > 0 && end - start > serverPage) {
                end = start + serverPage;
            }
            return new int[] {start, end};
        });
        int requestedEnd = top == null ? slice.total() : Math.min(slice.total(), skip + top);
        String next = slice.end() < requestedEnd
                ? baseUrl.get() + rawPath + "?" + withSkiptoken(rawQuery, slice.end()) : null;
        List<Object> results = new ArrayList<>(slice.rows().size());
        for (Map<String, Object> row : slice.rows()) {
            results.add(entity(service, row, select));
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("results", results);
        if ("allpages".equals(options.get("$inlinecount"))) {
            d.put("__count", Integer.toString(slice.total()));
        }
        if (next != null) {
            d.put("__next", next);
        }
        return SimResponse.json(200, Map.of("d", d), headers);
    }

    private Map<String, Object> entity(SapService service, Map<String, Object> row, List<String> select) {
        String uri = baseUrl.get() + service.rootPath() + "/" + service.entitySet() + "('"
                + row.get(service.keyProperty()) + "')";
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("id", uri);
        metadata.put("uri", uri);
        metadata.put("type", service.entityType());
        metadata.put("etag", EntityTable.etag(row));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("__metadata", metadata);
        for (ODataProperty property : EntitySchema.of(service).properties()) {
            if (select == null || select.contains(property.name())) {
                json.put(property.name(), property.type().toJson(row.get(property.name())));
            }
        }
        return json;
    }

    private static Comparator<Map<String, Object>> orderBy(String text, EntitySchema schema, SapService service) {
        Comparator<Map<String, Object>> order = null;
        List<String> terms = new ArrayList<>(text == null ? List.of() : List.of(text.split(",")));
        terms.add(service.keyProperty());
        for (String term : terms) {
            String[] parts = term.trim().split(" +");
            String name = parts[0];
            schema.property(name).orElseThrow(() -> SapODataError.badRequest("Property '" + name
                    + "' not found in $orderby"));
            Comparator<Map<String, Object>> one = (a, b) -> ODataFilter.compare(a.get(name), b.get(name));
            if (parts.length > 1 && parts[1].equalsIgnoreCase("desc")) {
                one = one.reversed();
            }
            order = order == null ? one : order.thenComparing(one);
        }
        return order;
    }

    private static String withSkiptoken(String rawQuery, int offset) {
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
            if (!name.equals("$skiptoken") && !pair.isEmpty()) {
                kept.add(pair);
            }
        }
        kept.add("$skiptoken=" + offset);
        return String.join("&", kept);
    }

    private static Map<String, String> decodeQuery(String rawQuery) {
        Map<String, String> options = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return options;
        }
        for (String pair : rawQuery.split("&")) {
            String[] kv = pair.split("=", 2);
            options.putIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return options;
    }

    private static int count(String text, String option) {
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw SapODataError.badRequest("Invalid value for system query option " + option);
    }

    private String authenticate(String authorization) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String expected = Base64.getEncoder().encodeToString((credentials.username() + ":"
                    + credentials.password()).getBytes(StandardCharsets.UTF_8));
            if (authorization.substring(6).trim().equals(expected)) {
                return credentials.user();
            }
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && credentials.bearerToken() != null
                && authorization.substring(7).trim().equals(credentials.bearerToken())) {
            return credentials.user();
        }
        counters.unauthorized.incrementAndGet();
        throw unauthorized();
    }

    private static SapODataError unauthorized() {
        return new SapODataError(401, "/IWFND/CM_CONSUMER/401", "Logon failed",
                Map.of("WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server [S4H/100]\""));
    }

    private static void applyFault(SapFaults.Fault fault) {
        if (!fault.delay().isZero()) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SapODataError(503, "/IWFND/CM_BEC/026", "Service temporarily unavailable");
            }
        }
        switch (fault.status()) {
            case 0 -> {
            }
            case 401 -> throw unauthorized();
            case 429 -> throw new SapODataError(429, "/IWFND/CM_CONSUMER/429",
                    "Too many requests: the rate limit of the communication user is exceeded",
                    Map.of("Retry-After", "1"));
            case 503 -> throw new SapODataError(503, "/IWFND/CM_BEC/026", "Service temporarily unavailable",
                    Map.of("Retry-After", "1"));
            default -> throw new SapODataError(fault.status(), "/IWBEP/CM_MGW_RT/000", "Injected failure");
        }
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals(CsrfSessions.COOKIE)) {
                return kv[1];
            }
        }
        return null;
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new SapODataError(405, "/IWBEP/CM_MGW_RT/021", "Method " + method + " not allowed");
        }
    }

    private void write(HttpExchange exchange, SimResponse response) throws IOException {
        byte[] bytes;
        Headers headers = exchange.getResponseHeaders();
        if (response.body() instanceof HostileBody hostile) {
            headers.set("DataServiceVersion", "2.0");
            response.headers().forEach(headers::set);
            faults.hostile.send(exchange, hostile, "application/json;charset=utf-8",
                    "{\"d\":{\"results\":[{\"__metadata\":{\"type\":\"API.Entity\"},\"Key\":"
                    + HostileBodies.VALUE_MARKER + "}]}}");
            return;
        }
        if (response.body() instanceof String text) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            headers.set("Content-Type", "text/plain;charset=utf-8");
        } else {
            bytes = response.body() == null ? new byte[0] : SapJson.MAPPER.writeValueAsBytes(response.body());
            headers.set("Content-Type", "application/json;charset=utf-8");
        }
        headers.set("DataServiceVersion", "2.0");
        response.headers().forEach(headers::set);
        exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
