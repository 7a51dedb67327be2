package io.aihub.connectors.erp.sap;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.source.SourceConnector;
import java.util.Map;

/**
 * Source connector of type {@value #TYPE}: reads one OData v2 entity set of SAP S/4HANA incrementally in
 * (watermark, key) order. Keys: the connection keys of {@link SapConnectionSettings} plus {@value #FIELDS},
 * {@value #KEY_PROPERTY}, {@value #WATERMARK_PROPERTY}, {@value #BATCH_SIZE}, {@value #PAGING},
 * {@value #BACKLOG}, {@value #EXCLUDE_CHANGES_BY} and {@value #CHANGED_BY_PROPERTY}.
 */
public final class SapSourceConnector implements SourceConnector {

    public static final String TYPE = "sap-odata";

    public static final String FIELDS = "fields";
    public static final String KEY_PROPERTY = "keyProperty";
    public static final String WATERMARK_PROPERTY = "watermarkProperty";
    public static final String BATCH_SIZE = "batchSize";
    public static final String PAGING = "paging";
    public static final String BACKLOG = "backlog";
    public static final String EXCLUDE_CHANGES_BY = "excludeChangesBy";
    public static final String CHANGED_BY_PROPERTY = "changedByProperty";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return SapConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(FIELDS, ConfigType.LIST, null, "Comma-separated properties to read ($select); the key and"
                        + " watermark properties are always added.", SapConnectionSettings.names())
                .define(KEY_PROPERTY, ConfigType.STRING, null, "The entity's single key property, e.g."
                        + " BusinessPartner or SalesOrder; the tie-breaker of the read order.",
                        SapConnectionSettings.name())
                .define(WATERMARK_PROPERTY, ConfigType.STRING, "LastChangeDateTime", "The Edm.DateTimeOffset"
                        + " property every change moves forward; the read order is (watermark, key).",
                        SapConnectionSettings.name())
                .define(BATCH_SIZE, ConfigType.INT, "500", "Records per page ($top) with paging client, 1 to"
                        + " 5000; with paging server the service's page size applies.", ConfigKey.between(1, 5000))
                .define(PAGING, ConfigType.STRING, "client", "client: ask for batchSize records with $top;"
                        + " server: send no $top and take the pages the service cuts (its __next link says more"
                        + " are waiting).", value -> value.equals("client") || value.equals("server") ? null
                                : "must be client or server")
                .define(BACKLOG, ConfigType.BOOLEAN, "false", "Ask for $inlinecount=allpages to report how many"
                        + " records are still waiting (progress and ETA only; costs a count on the server).")
                .define(EXCLUDE_CHANGES_BY, ConfigType.STRING, "", "Skip records last changed by this SAP user"
                        + " (the sink's communication user), so the hub's own write-backs are not read and scored"
                        + " again; empty reads everything.")
                .define(CHANGED_BY_PROPERTY, ConfigType.STRING, "LastChangedByUser", "The property holding the"
                        + " user of the last change, used with excludeChangesBy.", SapConnectionSettings.name());
    }

    /**
     * Validates every key at once and creates a task; no network call is made.
     *
     * @throws io.aihub.api.error.ConfigException listing every problem
     */
    @Override
    public SapSourceTask createTask(String instanceName, Map<String, String> config) {
        ConfigDef.Config parsed = SapConnectionSettings.parse("sap-odata source '" + instanceName + "'", config(),
                config);
        return new SapSourceTask(SapConnectionSettings.from(instanceName, parsed), parsed.getList(FIELDS),
                parsed.getString(KEY_PROPERTY), parsed.getString(WATERMARK_PROPERTY), parsed.getInt(BATCH_SIZE),
                parsed.getString(PAGING).equals("server"), parsed.getBoolean(BACKLOG),
                parsed.getString(EXCLUDE_CHANGES_BY), parsed.getString(CHANGED_BY_PROPERTY));
    }
}
