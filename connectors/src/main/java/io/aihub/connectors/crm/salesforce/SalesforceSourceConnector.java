package io.aihub.connectors.crm.salesforce;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.error.ConfigException;
import io.aihub.api.source.SourceConnector;
import java.util.List;
import java.util.Map;

/**
 * Source connector of type {@value #TYPE}: reads one sObject incrementally over the REST API. Keys: the
 * connection keys of {@link SalesforceConnectionSettings} plus {@value #FIELDS}, {@value #BATCH_SIZE},
 * {@value #EXCLUDE_OWN_WRITES}, {@value #INCLUDE_DELETED}, {@value #QUOTA_RESERVE} and the read limits
 * {@value #MAX_NESTING_DEPTH}, {@value #MAX_FIELD_BYTES} and {@value #MAX_RECORD_BYTES}
 * ({@link SalesforceReadLimits}).
 */
public final class SalesforceSourceConnector implements SourceConnector {

    public static final String TYPE = "salesforce";

    public static final String FIELDS = "fields";
    public static final String BATCH_SIZE = "batchSize";
    public static final String EXCLUDE_OWN_WRITES = "excludeOwnWrites";
    public static final String INCLUDE_DELETED = "includeDeleted";
    public static final String QUOTA_RESERVE = "quotaReserve";
    public static final String MAX_NESTING_DEPTH = "maxNestingDepth";
    public static final String MAX_FIELD_BYTES = "maxFieldBytes";
    public static final String MAX_RECORD_BYTES = "maxRecordBytes";

    private static final SalesforceReadLimits DEFAULT_LIMITS = SalesforceReadLimits.DEFAULTS;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return SalesforceConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(FIELDS, ConfigType.LIST, null, "Comma-separated fields to read; Id and SystemModstamp"
                        + " are always added.", SalesforceConnectionSettings.apiNames())
                .define(BATCH_SIZE, ConfigType.INT, "200", "Records per page (Sforce-Query-Options batchSize),"
                        + " 200 to 2000.", ConfigKey.between(200, 2000))
                .define(EXCLUDE_OWN_WRITES, ConfigType.BOOLEAN, "true", "Skip records last modified by the"
                        + " connector's own user, so the hub's write-backs are not read and scored again.")
                .define(INCLUDE_DELETED, ConfigType.BOOLEAN, "false", "Also read deleted records (queryAll);"
                        + " each deletion arrives once as a record whose IsDeleted field is true.")
                .define(QUOTA_RESERVE, ConfigType.INT, "10", "Percent of the org's daily API requests to leave"
                        + " unspent: below it, poll fails with the retriable SALESFORCE_QUOTA_RESERVE and the runtime"
                        + " backs off; 0 turns the reserve off.", ConfigKey.between(0, 100))
                .define(MAX_NESTING_DEPTH, ConfigType.INT, String.valueOf(DEFAULT_LIMITS.maxNestingDepth()),
                        "Deepest nesting a record may have (the record is level 1); a deeper record is dead-lettered"
                        + " as SOURCE_NESTING_TOO_DEEP.", ConfigKey.between(2, 1000))
                .define(MAX_FIELD_BYTES, ConfigType.INT, String.valueOf(DEFAULT_LIMITS.maxFieldBytes()),
                        "Longest text a record may hold, in UTF-8 bytes; a longer one makes the record a"
                        + " SOURCE_FIELD_TOO_LARGE dead letter.", ConfigKey.between(1024, 64L * 1024 * 1024))
                .define(MAX_RECORD_BYTES, ConfigType.INT, String.valueOf(DEFAULT_LIMITS.maxRecordBytes()),
                        "Largest record in bytes, at least maxFieldBytes; at most this much of one record is held in"
                        + " memory, a larger record is dead-lettered as SOURCE_RECORD_TOO_LARGE.",
                        ConfigKey.between(1024, 256L * 1024 * 1024));
    }

    /**
     * Validates every key at once and creates a task; no network call is made.
     *
     * @throws io.aihub.api.error.ConfigException listing every problem
     */
    @Override
    public SalesforceSourceTask createTask(String instanceName, Map<String, String> config) {
        String subject = "salesforce source '" + instanceName + "'";
        ConfigDef.Config parsed = SalesforceConnectionSettings.parse(subject, config(), config);
        if (parsed.getInt(MAX_RECORD_BYTES) < parsed.getInt(MAX_FIELD_BYTES)) {
            throw new ConfigException(subject, List.of(MAX_RECORD_BYTES + " must be at least " + MAX_FIELD_BYTES));
        }
        SalesforceReadLimits limits = new SalesforceReadLimits(parsed.getInt(MAX_NESTING_DEPTH),
                parsed.getInt(MAX_FIELD_BYTES), parsed.getInt(MAX_RECORD_BYTES));
        return new SalesforceSourceTask(SalesforceConnectionSettings.from(instanceName, parsed),
                parsed.getList(FIELDS), parsed.getInt(BATCH_SIZE), parsed.getBoolean(EXCLUDE_OWN_WRITES),
                parsed.getBoolean(INCLUDE_DELETED), parsed.getInt(QUOTA_RESERVE), limits);
    }
}
