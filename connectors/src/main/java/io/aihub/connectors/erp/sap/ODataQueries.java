package io.aihub.connectors.erp.sap;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the source's OData v2 query: {@code $filter} strictly after a position in (watermark, key) order,
 * optionally excluding the hub's own changes, {@code $orderby=<watermark>,<key>}, {@code $select}, and
 * {@code $top} (client paging) or none (server paging), plus {@code $inlinecount=allpages} for the backlog.
 * Never {@code $skip}: an offset over a result that changes between requests skips records.
 */
final class ODataQueries {

    private ODataQueries() {
    }

    /** A quoted string literal, single quotes doubled: {@code O'Neil} becomes {@code 'O''Neil'}. */
    static String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * {@code W gt datetimeoffset'T' or (W eq datetimeoffset'T' and K gt 'key')}, the records strictly after
     * {@code after}; records sharing the watermark are ordered by key, so none is skipped or repeated.
     */
    static String after(String watermarkProperty, String keyProperty, SapPosition after) {
        String ts = ODataDates.dateTimeOffsetLiteral(after.watermark());
        return watermarkProperty + " gt " + ts + " or (" + watermarkProperty + " eq " + ts + " and "
                + keyProperty + " gt " + stringLiteral(after.key()) + ")";
    }

    /** The whole {@code $filter}, or null when there is nothing to filter. */
    static String filter(String watermarkProperty, String keyProperty, SapPosition after,
            String changedByProperty, String excludedUser) {
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            conditions.add("(" + after(watermarkProperty, keyProperty, after) + ")");
        }
        if (excludedUser != null && !excludedUser.isEmpty()) {
            conditions.add(changedByProperty + " ne " + stringLiteral(excludedUser));
        }
        return conditions.isEmpty() ? null : String.join(" and ", conditions);
    }

    /**
     * The query options in order, not yet encoded.
     *
     * @param top the page size to ask for, or 0 to let the server page
     */
    static Map<String, String> options(String filter, String watermarkProperty, String keyProperty,
            List<String> select, int top, boolean inlineCount, String sapClient) {
        Map<String, String> options = new LinkedHashMap<>();
        if (filter != null) {
            options.put("$filter", filter);
        }
        options.put("$orderby", watermarkProperty + "," + keyProperty);
        options.put("$select", String.join(",", select));
        if (top > 0) {
            options.put("$top", Integer.toString(top));
        }
        if (inlineCount) {
            options.put("$inlinecount", "allpages");
        }
        options.put("$format", "json");
        if (sapClient != null && !sapClient.isEmpty()) {
            options.put("sap-client", sapClient);
        }
        return options;
    }

    /** {@code name=value&...} with values percent-encoded (spaces as {@code %20}); {@code $} stays literal. */
    static String encode(Map<String, String> options) {
        List<String> pairs = new ArrayList<>();
        options.forEach((name, value) -> pairs.add(name + "=" + percent(value)));
        return String.join("&", pairs);
    }

    /** Percent-encodes a query value or a key inside a path segment. */
    static String percent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The path of one entity: {@code A_BusinessPartner('1000042')}, the key quoted and encoded. */
    static String entityPath(String entitySet, String key) {
        return entitySet + "(" + percent(stringLiteral(key)).replace("%27", "'") + ")";
    }
}
