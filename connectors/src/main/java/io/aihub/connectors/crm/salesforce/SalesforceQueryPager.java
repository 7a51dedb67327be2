package io.aihub.connectors.crm.salesforce;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an sObject in (SystemModstamp, Id) order, one page at a time. A new query starts strictly after a
 * position: {@code (SystemModstamp > :ts OR (SystemModstamp = :ts AND Id > :id))}, so records sharing a
 * stamp are neither skipped nor repeated across pages. Further pages of the same query follow
 * {@code nextRecordsUrl}; its result is the snapshot Salesforce took when the query ran, so records changed
 * meanwhile are found by the next query. An expired query locator silently restarts from the position.
 *
 * <p>With {@code includeDeleted} the query runs as {@code queryAll} and selects {@code IsDeleted}, so records
 * in the recycle bin are read too (deleting a record moves its stamp, so each deletion is read once).
 *
 * <p>Not thread-safe: one pager per task, used from the polling thread.
 */
final class SalesforceQueryPager {

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceQueryPager.class);

    /**
     * One page of raw records.
     *
     * @param records the records in (SystemModstamp, Id) order, each parsed (with its {@code attributes}) or
     *                rejected as unreadable beyond its Id and SystemModstamp
     * @param hasMore true when the open query has another page
     * @param remaining records of the open query not returned yet (from its {@code totalSize})
     */
    record Page(List<SalesforceQueryResponseReader.Entry> records, boolean hasMore, long remaining) {
        Page {
            records = List.copyOf(records);
        }
    }

    private final SalesforceSession session;
    private final String instanceName;
    private final String apiVersion;
    private final String entity;
    private final List<String> fields;
    private final int batchSize;
    private final boolean excludeOwnWrites;
    private final String resource;
    private final SalesforceQueryResponseReader reader;
    private String nextRecordsUrl;
    private long queryTotal;
    private long queryRead;

    SalesforceQueryPager(SalesforceSession session, String instanceName, String apiVersion, String entity,
            List<String> fields, int batchSize, boolean excludeOwnWrites, boolean includeDeleted) {
        this(session, instanceName, apiVersion, entity, fields, batchSize, excludeOwnWrites, includeDeleted,
                SalesforceReadLimits.DEFAULTS);
    }

    SalesforceQueryPager(SalesforceSession session, String instanceName, String apiVersion, String entity,
            List<String> fields, int batchSize, boolean excludeOwnWrites, boolean includeDeleted,
            SalesforceReadLimits limits) {
        this.reader = new SalesforceQueryResponseReader(instanceName, limits);
        this.session = session;
        this.instanceName = instanceName;
        this.apiVersion = apiVersion;
        this.entity = entity;
        this.fields = selectList(fields, includeDeleted);
        this.resource = includeDeleted ? "/queryAll" : "/query";
        this.batchSize = batchSize;
        this.excludeOwnWrites = excludeOwnWrites;
    }

    /**
     * The fields to select: Id, the configured ones, SystemModstamp and, when reading deleted records too,
     * IsDeleted, each once.
     */
    static List<String> selectList(List<String> configured, boolean includeDeleted) {
        Map<String, String> byLowerName = new LinkedHashMap<>();
        byLowerName.put("id", "Id");
        configured.forEach(f -> byLowerName.putIfAbsent(f.toLowerCase(Locale.ROOT), f));
        byLowerName.putIfAbsent("systemmodstamp", "SystemModstamp");
        if (includeDeleted) {
            byLowerName.putIfAbsent("isdeleted", "IsDeleted");
        }
        return List.copyOf(byLowerName.values());
    }

    /**
     * The next page: the open query's next page if there is one, else the first page of a new query after
     * {@code after} (null: from the beginning).
     */
    Page next(SalesforcePosition after) {
        Map<String, String> headers = Map.of("Sforce-Query-Options", "batchSize=" + batchSize);
        if (nextRecordsUrl != null) {
            try {
                return read(session.get("query page", nextRecordsUrl, headers, reader::read), false);
            } catch (SalesforceRejectedException e) {
                if (!"INVALID_QUERY_LOCATOR".equals(e.salesforceErrorCode())) {
                    throw e;
                }
                LOG.info("AIHUB-SF-0004 Query locator of connector '{}' expired; querying again from the last"
                        + " record read", instanceName);
                nextRecordsUrl = null;
            }
        }
        String soql = soql(after, excludeOwnWrites ? session.userId() : null);
        String path = "/services/data/" + apiVersion + resource + "?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
        return read(session.get("query", path, headers, reader::read), true);
    }

    /** Forgets the open query; the next page comes from a new query. */
    void reset() {
        nextRecordsUrl = null;
    }

    /**
     * The incremental query after {@code after} (null: from the beginning), excluding records last modified
     * by {@code excludedUserId} when it is not null.
     */
    String soql(SalesforcePosition after, String excludedUserId) {
        List<String> conditions = new ArrayList<>();
        if (after != null) {
            String ts = SoqlLiterals.dateTime(after.stamp());
            conditions.add("(SystemModstamp > " + ts + " OR (SystemModstamp = " + ts + " AND Id > "
                    + SoqlLiterals.quote(after.id()) + "))");
        }
        if (excludedUserId != null) {
            conditions.add("LastModifiedById != " + SoqlLiterals.quote(excludedUserId));
        }
        return "SELECT " + String.join(", ", fields) + " FROM " + entity
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY SystemModstamp, Id";
    }

    private Page read(SalesforceQueryResponseReader.Response body, boolean newQuery) {
        String next = body.nextRecordsUrl();
        nextRecordsUrl = !body.done() && next != null && next.startsWith("/") ? next : null;
        List<SalesforceQueryResponseReader.Entry> page = body.records();
        if (newQuery) {
            queryTotal = body.totalSize() >= 0 ? body.totalSize() : page.size();
            queryRead = 0;
        }
        queryRead += page.size();
        long remaining = nextRecordsUrl == null ? 0 : Math.max(0, queryTotal - queryRead);
        return new Page(page, nextRecordsUrl != null, remaining);
    }
}
