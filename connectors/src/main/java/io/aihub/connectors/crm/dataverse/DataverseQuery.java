package io.aihub.connectors.crm.dataverse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The incremental read of one entity set as a Web API URL: {@code $select} of the configured columns plus the
 * primary key and {@code modifiedon}; {@code $orderby=modifiedon asc,<pk> asc}; and, after a position,
 * {@code $filter=modifiedon gt <ts> or (modifiedon eq <ts> and <pk> gt <id>)} — the keyset condition that
 * neither skips nor repeats records sharing a stamp, whatever the page boundaries. The id comparison is left to
 * Dataverse: it orders GUIDs as SQL Server does, not as their text sorts, so the connector never compares ids.
 *
 * @param apiRoot        the Web API root ending in {@code /}
 * @param entitySet      the entity set, e.g. {@code accounts}
 * @param primaryKey     the primary key column, e.g. {@code accountid}
 * @param select         the columns to select, each once
 * @param count          whether to ask for {@code @odata.count}
 */
record DataverseQuery(String apiRoot, String entitySet, String primaryKey, List<String> select, boolean count) {

    /** The change stamp column every Dataverse table has. */
    static final String MODIFIED_ON = "modifiedon";
    /** The column naming the user who last changed a row. */
    static final String MODIFIED_BY = "_modifiedby_value";

    DataverseQuery {
        select = List.copyOf(select);
    }

    /** A query selecting the primary key, {@code configured} and {@code modifiedon}, each once. */
    static DataverseQuery of(String apiRoot, String entitySet, String primaryKey, List<String> configured,
            boolean count) {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(primaryKey);
        columns.addAll(configured);
        columns.add(MODIFIED_ON);
        return new DataverseQuery(apiRoot, entitySet, primaryKey, new ArrayList<>(columns), count);
    }

    /**
     * The {@code $filter} after {@code after} (null: from the beginning), excluding rows last changed by
     * {@code excludedUserId} when it is not null; null when nothing needs filtering.
     */
    String filter(DataversePosition after, String excludedUserId) {
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            String ts = DateTimeFormatter.ISO_INSTANT.format(after.stamp());
            conditions.add(MODIFIED_ON + " gt " + ts + " or (" + MODIFIED_ON + " eq " + ts + " and " + primaryKey
                    + " gt " + after.id() + ")");
        }
        if (excludedUserId != null) {
            conditions.add(MODIFIED_BY + " ne " + excludedUserId);
        }
        if (conditions.isEmpty()) {
            return null;
        }
        return conditions.size() == 1 ? conditions.get(0)
                : "(" + conditions.get(0) + ") and " + conditions.get(1);
    }

    /** The URL of the first page of a read after {@code after}. */
    String url(DataversePosition after, String excludedUserId) {
        StringBuilder url = new StringBuilder(apiRoot).append(entitySet)
                .append("?$select=").append(encode(String.join(",", select)));
        String filter = filter(after, excludedUserId);
        if (filter != null) {
            url.append("&$filter=").append(encode(filter));
        }
        url.append("&$orderby=").append(encode(MODIFIED_ON + " asc," + primaryKey + " asc"));
        if (count) {
            url.append("&$count=true");
        }
        return url.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
