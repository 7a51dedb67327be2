package io.aihub.simulators.crm.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code accounts} entity set: {@code GET accounts} with {@code $select}, {@code $filter},
 * {@code $orderby}, {@code $count}, {@code Prefer: odata.maxpagesize} and {@code $skiptoken} paging;
 * {@code GET accounts(<id>)}; {@code PATCH accounts(<id>)} honouring {@code If-Match}.
 */
final class AccountsResource {

    /** The entity set's name in URLs. */
    static final String ENTITY_SET = "accounts";
    /** Dataverse's page size limit, and the default when the client asks for none. */
    static final int MAX_PAGE_SIZE = 5000;
    /** Dataverse stops counting at this many rows; {@code @odata.count} never exceeds it. */
    static final int MAX_COUNT = 5000;

    private static final Pattern MAX_PAGE = Pattern.compile("(?:^|[,;\\s])odata\\.maxpagesize=(\\d{1,9})");

    /**
     * A PATCH the table accepted.
     *
     * @param id      the row
     * @param values  the values written
     * @param ifMatch the If-Match header sent, or null
     */
    record AcceptedWrite(UUID id, Map<String, Object> values, String ifMatch) {
    }

    private final AccountTable table;
    private final Supplier<String> baseUrl;
    private final UUID applicationUserId;
    private final AtomicLong preconditionFailures = new AtomicLong();
    private final List<AcceptedWrite> writeLog = new ArrayList<>();

    AccountsResource(AccountTable table, Supplier<String> baseUrl, UUID applicationUserId) {
        this.table = table;
        this.baseUrl = baseUrl;
        this.applicationUserId = applicationUserId;
    }

    DataverseResponse list(String path, Map<String, String> params, String prefer) {
        List<String> select = select(params.get("$select"));
        Predicate<Map<String, Object>> filter = ODataFilter.parse(params.get("$filter"));
        List<String> orderColumns = new ArrayList<>();
        Comparator<Map<String, Object>> order = order(params.get("$orderby"), orderColumns);
        String skipToken = params.get("$skiptoken");
        PagingCookie cookie = skipToken == null ? null : PagingCookie.decode(skipToken);
        int pageSize = MAX_PAGE_SIZE;
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher m = prefer == null ? null : MAX_PAGE.matcher(prefer);
        if (m != null && m.find()) {
            pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, Integer.parseInt(m.group(1))));
            headers.put("Preference-Applied", "odata.maxpagesize=" + pageSize);
        }
        AccountTable.Page page = table.select(filter, order, cookie == null ? null : cookie.last(), pageSize);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context(select));
        if ("true".equalsIgnoreCase(params.get("$count"))) {
            body.put("@odata.count", Math.min(MAX_COUNT, page.count()));
        }
        body.put("value", page.rows().stream().map(row -> entity(row, select)).toList());
        if (page.hasMore()) {
            Map<String, Object> lastRow = page.rows().get(page.rows().size() - 1);
            Map<String, Object> last = new LinkedHashMap<>();
            orderColumns.forEach(c -> last.put(c, lastRow.get(c)));
            last.put(DataverseColumns.ACCOUNT_ID, lastRow.get(DataverseColumns.ACCOUNT_ID));
            int number = cookie == null ? 2 : cookie.pageNumber() + 1;
            body.put("@odata.nextLink", nextLink(path, params, new PagingCookie(number, last)));
        }
        return new DataverseResponse(200, body, headers);
    }

    DataverseResponse get(UUID id, Map<String, String> params) {
        List<String> select = select(params.get("$select"));
        Map<String, Object> row = table.get(id);
        if (row == null) {
            throw new ODataError(404, ODataError.RECORD_NOT_FOUND, "account With Id = " + id + " Does Not Exist");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", context(select) + "/$entity");
        body.putAll(entity(row, select));
        return DataverseResponse.json(200, body);
    }

    DataverseResponse patch(UUID id, byte[] requestBody, String ifMatch) {
        JsonNode json;
        try {
            json = DataverseJson.MAPPER.readTree(requestBody);
        } catch (IOException e) {
            throw ODataError.badQuery("The request body is not valid JSON.");
        }
        if (json == null || !json.isObject()) {
            throw ODataError.badQuery("The request body must be a JSON object.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getKey().startsWith("@")) {
                continue;
            }
            DataverseColumns.Column column = DataverseColumns.column(field.getKey())
                    .orElseThrow(() -> ODataError.unknownProperty(field.getKey()));
            if (column.writable()) {
                values.put(column.name(), AccountTable.typed(column, javaValue(field.getValue())));
            }
        }
        try {
            table.patch(id, values, ifMatch, applicationUserId);
        } catch (ODataError e) {
            if (e.status() == 412) {
                preconditionFailures.incrementAndGet();
            }
            throw e;
        }
        synchronized (writeLog) {
            writeLog.add(new AcceptedWrite(id, values, ifMatch));
        }
        return new DataverseResponse(204, null, Map.of("OData-EntityId",
                baseUrl.get() + DataverseHttpRouter.API_PATH + ENTITY_SET + "(" + id + ")"));
    }

    long preconditionFailures() {
        return preconditionFailures.get();
    }

    List<AcceptedWrite> writeLog() {
        synchronized (writeLog) {
            return List.copyOf(writeLog);
        }
    }

    private static Object javaValue(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.canConvertToInt() ? (Object) value.intValue() : (Object) value.longValue();
        }
        if (value.isNumber()) {
            return value.decimalValue();
        }
        return value;
    }

    private static List<String> select(String text) {
        if (text == null || text.isBlank()) {
            return List.copyOf(DataverseColumns.ALL.keySet());
        }
        List<String> columns = new ArrayList<>();
        for (String name : text.split(",")) {
            String column = name.trim();
            DataverseColumns.column(column).orElseThrow(() -> ODataError.unknownProperty(column));
            if (!columns.contains(column)) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The ordering of {@code $orderby}, always ending with the primary key ascending, as Dataverse does. */
    private static Comparator<Map<String, Object>> order(String text, List<String> columns) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        if (text != null && !text.isBlank()) {
            for (String item : text.split(",")) {
                String[] parts = item.trim().split("\\s+");
                String column = parts[0];
                DataverseColumns.column(column).orElseThrow(() -> ODataError.unknownProperty(column));
                if (parts.length > 2 || (parts.length == 2 && !parts[1].matches("(?i)asc|desc"))) {
                    throw ODataError.badQuery("Syntax error in $orderby at '" + item.trim() + "'.");
                }
                Comparator<Map<String, Object>> by = (a, b) -> ODataValues.compare(a.get(column), b.get(column));
                order = order.thenComparing(parts.length == 2 && parts[1].equalsIgnoreCase("desc") ? by.reversed() : by);
                columns.add(column);
            }
        }
        return order.thenComparing((a, b) -> ODataValues.compare(a.get(DataverseColumns.ACCOUNT_ID),
                b.get(DataverseColumns.ACCOUNT_ID)));
    }

    private static Map<String, Object> entity(Map<String, Object> row, List<String> select) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("@odata.etag", AccountTable.etag(row));
        for (String column : select) {
            out.put(column, ODataValues.wire(row.get(column)));
        }
        out.putIfAbsent(DataverseColumns.ACCOUNT_ID, ODataValues.wire(row.get(DataverseColumns.ACCOUNT_ID)));
        return out;
    }

    private String context(List<String> select) {
        return baseUrl.get() + DataverseHttpRouter.API_PATH + "$metadata#" + ENTITY_SET + "("
                + String.join(",", select) + ")";
    }

    private String nextLink(String path, Map<String, String> params, PagingCookie cookie) {
        StringBuilder link = new StringBuilder(baseUrl.get()).append(path).append('?');
        params.forEach((name, value) -> {
            if (!name.equals("$skiptoken")) {
                link.append(name).append('=').append(encode(value)).append('&');
            }
        });
        return link.append("$skiptoken=").append(encode(cookie.encode())).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
