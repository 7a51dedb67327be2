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
    public static final String LOOKUP_SERVICE = "lookupService";
    public static final String LOOKUP_ENTITY_SET = "lookupEntitySet";
    public static final String LOOKUP_KEY_PROPERTY = "lookupKeyProperty";
    public static final String LOOKUP_FOREIGN_KEY = "lookupForeignKey";
    public static final String LOOKUP_FIELDS = "lookupFields";
    public static final String LOOKUP_PREFIX = "lookupPrefix";

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
                        + " user of the last change, used with excludeChangesBy.", SapConnectionSettings.name())
                .define(LOOKUP_SERVICE, ConfigType.STRING, "", "A second OData service of the same system to read"
                        + " each record's related entity from, e.g. API_BUSINESS_PARTNER for a sales order's sold-to"
                        + " party (SAP cannot $expand across services); empty for no lookup.",
                        SapConnectionSettings.serviceOrEmpty())
                .define(LOOKUP_ENTITY_SET, ConfigType.STRING, "", "The looked-up entity set, e.g."
                        + " A_BusinessPartner; required with lookupService.")
                .define(LOOKUP_KEY_PROPERTY, ConfigType.STRING, "", "The looked-up entity's key property, e.g."
                        + " BusinessPartner; required with lookupService.")
                .define(LOOKUP_FOREIGN_KEY, ConfigType.STRING, "", "The field of the read record holding that key,"
                        + " e.g. SoldToParty; it must be one of fields. Required with lookupService.")
                .define(LOOKUP_FIELDS, ConfigType.LIST, "", "The looked-up entity's properties added to each"
                        + " record as <lookupPrefix><property>; required with lookupService.")
                .define(LOOKUP_PREFIX, ConfigType.STRING, "", "Put before each looked-up property's name in the"
                        + " record; empty for <lookupForeignKey>_ (SoldToParty_YY1_NPS_bus).");
    }

    /**
     * Validates every key at once and creates a task; no network call is made.
     *
     * @throws io.aihub.api.error.ConfigException listing every problem
     */
    @Override
    public SapSourceTask createTask(String instanceName, Map<String, String> config) {
        String subject = "sap-odata source '" + instanceName + "'";
        ConfigDef.Config parsed = SapConnectionSettings.parse(subject, config(), config);
        SapConnectionSettings settings = SapConnectionSettings.from(instanceName, parsed);
        SapLookup lookup = lookup(subject, settings, parsed);
        return new SapSourceTask(settings, parsed.getList(FIELDS),
                parsed.getString(KEY_PROPERTY), parsed.getString(WATERMARK_PROPERTY), parsed.getInt(BATCH_SIZE),
                parsed.getString(PAGING).equals("server"), parsed.getBoolean(BACKLOG),
                parsed.getString(EXCLUDE_CHANGES_BY), parsed.getString(CHANGED_BY_PROPERTY), lookup);
    }

    /** The lookup the lookup keys describe, or null without {@value #LOOKUP_SERVICE}; every problem at once. */
    private static SapLookup lookup(String subject, SapConnectionSettings settings, ConfigDef.Config parsed) {
        String service = parsed.getString(LOOKUP_SERVICE);
        if (service.isEmpty()) {
            return null;
        }
        java.util.List<String> problems = new java.util.ArrayList<>();
        var nameCheck = SapConnectionSettings.name();
        for (String key : java.util.List.of(LOOKUP_ENTITY_SET, LOOKUP_KEY_PROPERTY, LOOKUP_FOREIGN_KEY)) {
            String value = parsed.getString(key);
            if (value.isEmpty()) {
                problems.add("missing key '" + key + "': required with " + LOOKUP_SERVICE);
            } else if (nameCheck.check(value) != null) {
                problems.add("key '" + key + "' " + nameCheck.check(value));
            }
        }
        java.util.List<String> fields = parsed.getList(LOOKUP_FIELDS);
        if (fields.isEmpty()) {
            problems.add("missing key '" + LOOKUP_FIELDS + "': required with " + LOOKUP_SERVICE);
        } else if (SapConnectionSettings.names().check(fields) != null) {
            problems.add("key '" + LOOKUP_FIELDS + "' " + SapConnectionSettings.names().check(fields));
        }
        String foreignKey = parsed.getString(LOOKUP_FOREIGN_KEY);
        if (!foreignKey.isEmpty() && !parsed.getList(FIELDS).contains(foreignKey)) {
            problems.add("key '" + LOOKUP_FOREIGN_KEY + "' must be one of '" + FIELDS + "', so that it is read");
        }
        if (!problems.isEmpty()) {
            throw new io.aihub.api.error.ConfigException(subject, problems);
        }
        String prefix = parsed.getString(LOOKUP_PREFIX).isEmpty() ? foreignKey + "_" : parsed.getString(LOOKUP_PREFIX);
        return new SapLookup(settings.withService(service, parsed.getString(LOOKUP_ENTITY_SET)),
                parsed.getString(LOOKUP_KEY_PROPERTY), foreignKey, fields, prefix);
    }
}
