package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourceRecord;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds to each record of a page the fields of the entity its foreign key names in another OData service: a sales
 * order's {@code SoldToParty} business partner from {@code API_BUSINESS_PARTNER}. SAP's services cannot
 * {@code $expand} across each other (an {@code A_SalesOrder} navigates to its header partners, not to the
 * partner master data), so the lookup reads the page's distinct keys with {@code $filter=K eq 'a' or K eq 'b'
 * ...}, {@value #KEYS_PER_REQUEST} keys per request, and merges each found entity's fields as
 * {@code <prefix><field>}. A record whose foreign key is empty or names no entity gets those fields as null
 * (the feature mapping's defaults, or a dead letter, decide what that means).
 *
 * <p>The lookup reads the current partner: a partner changed after the order was scored does not make the
 * order be scored again (the order's watermark decides that).
 */
final class SapLookup implements AutoCloseable {

    /** Keys asked for in one request; keeps the URL well below SAP Gateway's length limits. */
    static final int KEYS_PER_REQUEST = 40;

    private final String instanceName;
    private final SapODataClient client;
    private final String entitySet;
    private final String keyProperty;
    private final String foreignKey;
    private final List<String> fields;
    private final String prefix;
    private final String sapClient;

    /**
     * @param settings   the connection settings of the looked-up service (same system and credentials)
     * @param keyProperty the looked-up entity's key, e.g. {@code BusinessPartner}
     * @param foreignKey the record field holding that key, e.g. {@code SoldToParty}
     * @param fields     the looked-up entity's properties to add
     * @param prefix     put before each added field's name
     */
    SapLookup(SapConnectionSettings settings, String keyProperty, String foreignKey, List<String> fields,
            String prefix) {
        this.instanceName = settings.instanceName();
        this.client = new SapODataClient(settings);
        this.entitySet = settings.entitySet();
        this.keyProperty = keyProperty;
        this.foreignKey = foreignKey;
        this.fields = List.copyOf(fields);
        this.prefix = prefix;
        this.sapClient = settings.sapClient();
    }

    /** The record fields this lookup adds, in order. */
    List<String> addedFields() {
        return fields.stream().map(f -> prefix + f).toList();
    }

    /** The records with the looked-up fields added, in the same order. */
    List<SourceRecord> enrich(List<SourceRecord> records) {
        Set<String> keys = new LinkedHashSet<>();
        for (SourceRecord record : records) {
            Object key = record.fields().get(foreignKey);
            if (key != null && !key.toString().isEmpty()) {
                keys.add(key.toString());
            }
        }
        Map<String, Map<String, Object>> found = new HashMap<>();
        List<String> all = List.copyOf(keys);
        for (int from = 0; from < all.size(); from += KEYS_PER_REQUEST) {
            found.putAll(read(all.subList(from, Math.min(all.size(), from + KEYS_PER_REQUEST))));
        }
        List<SourceRecord> enriched = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            Object key = record.fields().get(foreignKey);
            Map<String, Object> entity = key == null ? null : found.get(key.toString());
            Map<String, Object> values = new LinkedHashMap<>(record.fields());
            for (String field : fields) {
                values.put(prefix + field, entity == null ? null : entity.get(field));
            }
            enriched.add(new SourceRecord(record.system(), record.entity(), record.id(), record.version(),
                    record.modifiedAt(), values, record.position()));
        }
        return enriched;
    }

    private Map<String, Map<String, Object>> read(List<String> keys) {
        List<String> conditions = keys.stream().map(k -> keyProperty + " eq " + ODataQueries.stringLiteral(k)).toList();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("$filter", String.join(" or ", conditions));
        List<String> select = new ArrayList<>();
        select.add(keyProperty);
        select.addAll(fields);
        options.put("$select", String.join(",", select));
        options.put("$top", Integer.toString(keys.size()));
        options.put("$format", "json");
        if (!sapClient.isEmpty()) {
            options.put("sap-client", sapClient);
        }
        URI uri = client.uri(entitySet, ODataQueries.encode(options));
        JsonNode d = client.getJson("lookup", uri).path("d");
        JsonNode results = d.isArray() ? d : d.path("results");
        if (!results.isArray()) {
            throw new PermanentException(SapErrors.PROTOCOL, "connector '" + instanceName + "': the lookup answer"
                    + " from " + entitySet + " has no d.results array");
        }
        Map<String, Map<String, Object>> found = new HashMap<>();
        for (JsonNode entity : results) {
            String key = entity.path(keyProperty).asText("");
            Map<String, Object> values = new HashMap<>();
            for (String field : fields) {
                values.put(field, SapRecordMapper.primitive(instanceName, key, field, entity.get(field)));
            }
            found.put(key, values);
        }
        return found;
    }

    @Override
    public void close() {
        client.close();
    }
}
