package io.aihub.connectors.crm.dataverse;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.source.SourceConnector;
import java.util.Map;

/**
 * Source connector of type {@value #TYPE}: reads one Dataverse entity set incrementally over the Web API. Keys:
 * the connection keys of {@link DataverseConnectionSettings} plus {@value #FIELDS}, {@value #PAGE_SIZE},
 * {@value #EXCLUDE_OWN_WRITES} and {@value #COUNT_BACKLOG}.
 */
public final class DataverseSourceConnector implements SourceConnector {

    public static final String TYPE = "dataverse";

    public static final String FIELDS = "fields";
    public static final String PAGE_SIZE = "pageSize";
    public static final String EXCLUDE_OWN_WRITES = "excludeOwnWrites";
    public static final String COUNT_BACKLOG = "countBacklog";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return DataverseConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(FIELDS, ConfigType.LIST, null, "Comma-separated columns (logical names) to read; the"
                        + " primary key and modifiedon are always added.", DataverseConnectionSettings.logicalNames())
                .define(PAGE_SIZE, ConfigType.INT, "500", "Rows per page (Prefer: odata.maxpagesize), 1 to 5000.",
                        ConfigKey.between(1, 5000))
                .define(EXCLUDE_OWN_WRITES, ConfigType.BOOLEAN, "true", "Skip rows last modified by the"
                        + " connector's own application user (WhoAmI), so the hub's write-backs are not read and"
                        + " scored again.")
                .define(COUNT_BACKLOG, ConfigType.BOOLEAN, "true", "Ask for @odata.count on the first page of"
                        + " each read to report the backlog (Dataverse counts at most 5000 rows).");
    }

    /**
     * Validates every key at once and creates a task; no network call is made.
     *
     * @throws io.aihub.api.error.ConfigException listing every problem
     */
    @Override
    public DataverseSourceTask createTask(String instanceName, Map<String, String> config) {
        ConfigDef.Config parsed = config().parse("dataverse source '" + instanceName + "'", config);
        return new DataverseSourceTask(DataverseConnectionSettings.from(instanceName, parsed), parsed.getList(FIELDS),
                parsed.getInt(PAGE_SIZE), parsed.getBoolean(EXCLUDE_OWN_WRITES), parsed.getBoolean(COUNT_BACKLOG));
    }
}
