package io.aihub.simulators.crm.salesforce;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /services/data/vNN.0/query?q=<SOQL>}, {@code GET .../queryAll?q=<SOQL>} (deleted records too)
 * and {@code GET .../query/<locator>} (also {@code .../queryAll/<locator>}; as in Salesforce, a queryAll's
 * {@code nextRecordsUrl} says {@code query}). The result is a snapshot taken when the query runs; pages hold
 * {@code batchSize} records from the {@code Sforce-Query-Options} header (200..2000, default 2000).
 */
final class QueryHandler {

    static final int DEFAULT_BATCH_SIZE = 2000;
    static final int MIN_BATCH_SIZE = 200;

    private static final Pattern BATCH_SIZE = Pattern.compile("(?i)batchSize\\s*=\\s*(\\d{1,9})");

    private final AccountStore store;
    private final QueryCursorStore cursors;
    private final Function<String, Optional<PoisonKind>> poison;

    QueryHandler(AccountStore store, QueryCursorStore cursors) {
        this(store, cursors, id -> Optional.empty());
    }

    /** A handler that serves the records {@code poison} names spoiled on the wire ({@link PoisonKind}). */
    QueryHandler(AccountStore store, QueryCursorStore cursors, Function<String, Optional<PoisonKind>> poison) {
        this.store = store;
        this.cursors = cursors;
        this.poison = poison;
    }

    /** Runs a query; with {@code includeDeleted} (queryAll) records in the recycle bin match too. */
    SimResponse query(String version, SimRequest request, boolean includeDeleted) {
        String soql = request.queryParams().get("q");
        if (soql == null || soql.isBlank()) {
            throw new ApiError(400, "MALFORMED_QUERY", "A query string has to be specified");
        }
        SoqlQuery query;
        try {
            query = SoqlParser.parse(soql, SObjectSchema.ACCOUNT);
        } catch (SoqlException e) {
            throw new ApiError(400, e.errorCode(), e.getMessage());
        }
        List<Map<String, Object>> rendered = new ArrayList<>();
        for (Map<String, Object> row : store.select(query, includeDeleted)) {
            rendered.add(render(version, query, row));
        }
        return respond(version, cursors.firstPage(rendered, batchSize(request.header("Sforce-Query-Options"))));
    }

    SimResponse nextPage(String version, String locator) {
        QueryCursorStore.Page page = cursors.page(locator)
                .orElseThrow(() -> new ApiError(400, "INVALID_QUERY_LOCATOR", "invalid query locator"));
        return respond(version, page);
    }

    static int batchSize(String queryOptions) {
        if (queryOptions == null) {
            return DEFAULT_BATCH_SIZE;
        }
        Matcher m = BATCH_SIZE.matcher(queryOptions);
        if (!m.find()) {
            return DEFAULT_BATCH_SIZE;
        }
        return Math.max(MIN_BATCH_SIZE, Math.min(DEFAULT_BATCH_SIZE, Integer.parseInt(m.group(1))));
    }

    private SimResponse respond(String version, QueryCursorStore.Page page) {
        return SimResponse.json(200, new QueryPageWriter(version, page, poison));
    }

    private static Map<String, Object> render(String version, SoqlQuery query, Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        String type = query.entity().name();
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", type);
        attributes.put("url", "/services/data/" + version + "/sobjects/" + type + "/" + row.get("Id"));
        out.put("attributes", attributes);
        for (SObjectField field : query.fields()) {
            Object value = row.get(field.name());
            out.put(field.name(), value instanceof Instant instant ? SalesforceDates.format(instant) : value);
        }
        return out;
    }
}
