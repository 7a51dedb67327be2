package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.api.source.SourceTask;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one entity set incrementally in (watermark, key) order, for example
 * {@code LastChangeDateTime, BusinessPartner}. Every {@link #poll} is one request for the records strictly
 * after the last one returned: {@code $filter=W gt T or (W eq T and K gt 'k')&$orderby=W,K}, with
 * {@code $top=batchSize} (paging {@code client}) or no {@code $top} (paging {@code server}: the service cuts the
 * page and its {@code __next} link says more are waiting).
 *
 * <p>The task does not follow {@code __next} links nor use {@code $skip}: SAP's skiptokens are offsets into
 * the re-executed query, so a record changed while paging moves every later record up one place and the
 * record at the next page boundary would be skipped for good. A fresh keyset query per page costs the same one
 * request and is not affected: records sharing a watermark are ordered by key, and a record changed while
 * paging gets a later watermark and is read again, in its new version, when the reading gets there.
 *
 * <p>Every record must come after the previous one in (watermark, key) order; otherwise (a service ignoring
 * {@code $orderby}, keys whose server order differs from their text order, or watermarks finer than the
 * milliseconds OData v2 JSON shows) {@link #poll} throws the permanent {@code SAP_ORDER} rather than loop or
 * lose records.
 *
 * <p>With a {@link SapLookup} each page's records get the fields of their related entity in another service
 * (one more request per {@value SapLookup#KEYS_PER_REQUEST} distinct keys of the page).
 *
 * <p>Position keys: {@value SapPosition#WATERMARK} and {@value SapPosition#KEY}. Poll and rewind run on the
 * polling thread; {@link #stop} may be called from any thread and makes a blocked poll return an empty page at
 * once.
 */
public final class SapSourceTask implements SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(SapSourceTask.class);

    private final SapConnectionSettings settings;
    private final SapODataClient client;
    private final SapRecordMapper mapper;
    private final String keyProperty;
    private final String watermarkProperty;
    private final List<String> select;
    private final int batchSize;
    private final boolean serverPaging;
    private final boolean backlog;
    private final String excludedUser;
    private final String changedByProperty;
    private final SapLookup lookup;
    private volatile boolean stopped;
    private boolean started;
    private SourcePosition position = SourcePosition.START;

    SapSourceTask(SapConnectionSettings settings, List<String> fields, String keyProperty, String watermarkProperty,
            int batchSize, boolean serverPaging, boolean backlog, String excludedUser, String changedByProperty,
            SapLookup lookup) {
        this.lookup = lookup;
        this.settings = settings;
        this.client = new SapODataClient(settings);
        this.keyProperty = keyProperty;
        this.watermarkProperty = watermarkProperty;
        Set<String> selected = new LinkedHashSet<>();
        selected.add(keyProperty);
        selected.addAll(fields);
        selected.add(watermarkProperty);
        this.select = List.copyOf(selected);
        this.mapper = new SapRecordMapper(settings.instanceName(), settings.entitySet(), keyProperty,
                watermarkProperty, fields);
        this.batchSize = batchSize;
        this.serverPaging = serverPaging;
        this.backlog = backlog;
        this.excludedUser = excludedUser;
        this.changedByProperty = changedByProperty;
    }

    @Override
    public synchronized void start(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        SapPosition.of(settings.instanceName(), committed);
        position = committed;
        started = true;
        LOG.info("AIHUB-SAP-0001 SAP source '{}' starting on {}/{} ({} paging) {}", settings.instanceName(),
                settings.serviceRoot(), settings.entitySet(), serverPaging ? "server" : "client",
                committed.isStart() ? "from the beginning" : "after " + committed.values());
    }

    @Override
    public synchronized SourcePage poll() {
        if (!started) {
            throw new IllegalStateException("poll() before start()");
        }
        if (stopped) {
            return SourcePage.empty(position);
        }
        SapPosition after = SapPosition.of(settings.instanceName(), position);
        JsonNode body;
        try {
            body = client.getJson("query", client.uri(settings.entitySet(), query(after)));
        } catch (AihubException e) {
            if (stopped) {
                return SourcePage.empty(position);
            }
            throw e;
        }
        JsonNode d = body.path("d");
        JsonNode results = d.isArray() ? d : d.path("results");
        if (!results.isArray()) {
            throw new PermanentException(SapErrors.PROTOCOL, "connector '" + settings.instanceName()
                    + "': the query answer has no d.results array");
        }
        List<SourceRecord> records = new ArrayList<>(results.size());
        SapPosition last = after;
        for (JsonNode entity : results) {
            SourceRecord record = mapper.toSourceRecord(entity);
            SapPosition at = new SapPosition(record.modifiedAt(), record.id());
            if (last != null && at.compareTo(last) <= 0) {
                throw new PermanentException("SAP_ORDER", "connector '" + settings.instanceName() + "': record "
                        + record.id() + " came after " + last.key() + " but is not later in (" + watermarkProperty
                        + ", " + keyProperty + ") order; the service must honour $orderby and $filter on both,"
                        + " keys must sort as text and watermarks must not be finer than milliseconds");
            }
            records.add(record);
            last = at;
        }
        if (lookup != null && !records.isEmpty()) {
            try {
                records = lookup.enrich(records);
            } catch (AihubException e) {
                if (stopped) {
                    return SourcePage.empty(position);
                }
                throw e;
            }
        }
        if (!records.isEmpty()) {
            position = records.get(records.size() - 1).position();
        }
        boolean hasMore = serverPaging ? d.hasNonNull("__next") : records.size() >= batchSize;
        long waiting = backlog(d, records.size(), hasMore);
        LOG.debug("SAP source '{}' polled {} records, more: {}", settings.instanceName(), records.size(), hasMore);
        return new SourcePage(records, position, hasMore, waiting);
    }

    private String query(SapPosition after) {
        String filter = ODataQueries.filter(watermarkProperty, keyProperty, after, changedByProperty, excludedUser);
        return ODataQueries.encode(ODataQueries.options(filter, watermarkProperty, keyProperty, select,
                serverPaging ? 0 : batchSize, backlog, settings.sapClient()));
    }

    private static long backlog(JsonNode d, int returned, boolean hasMore) {
        JsonNode count = d.get("__count");
        if (count != null && count.asText("").matches("\\d{1,18}")) {
            return Math.max(0, Long.parseLong(count.asText()) - returned);
        }
        return hasMore ? SourcePage.UNKNOWN_BACKLOG : 0;
    }

    @Override
    public synchronized void rewind(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        SapPosition.of(settings.instanceName(), committed);
        position = committed;
    }

    @Override
    public void stop() {
        if (!stopped) {
            stopped = true;
            client.close();
            if (lookup != null) {
                lookup.close();
            }
            LOG.info("AIHUB-SAP-0002 SAP source '{}' stopped", settings.instanceName());
        }
    }
}
