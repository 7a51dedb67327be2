package io.aihub.connectors.crm.dataverse;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigType;
import io.aihub.api.sink.SinkConnector;
import java.util.Map;

/**
 * Sink connector of type {@value #TYPE}: writes prediction columns back to Dataverse rows. Keys: the connection
 * keys of {@link DataverseConnectionSettings} plus {@value #ALLOWED_FIELDS}, {@value #USE_ETAG} and
 * {@value #ON_CONFLICT}.
 */
public final class DataverseSinkConnector implements SinkConnector {

    public static final String TYPE = "dataverse";

    public static final String ALLOWED_FIELDS = "allowedFields";
    public static final String USE_ETAG = "useEtag";
    public static final String ON_CONFLICT = "onConflict";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return DataverseConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(ALLOWED_FIELDS, ConfigType.LIST, null, "Comma-separated columns (logical names) the sink"
                        + " may write; a write touching any other column is rejected.",
                        DataverseConnectionSettings.logicalNames())
                .define(USE_ETAG, ConfigType.BOOLEAN, "true", "Send the ETag the record was scored from as"
                        + " If-Match, so a record changed since is not overwritten (412); false, or a write without"
                        + " a version, sends If-Match: * (the record must exist, never created).")
                .define(ON_CONFLICT, ConfigType.STRING, DataverseConflictPolicy.REREAD.configValue(), "What to do"
                        + " on 412: skip (report CONFLICT at once) or reread (report SKIPPED_UNCHANGED when the"
                        + " record already holds the values, else CONFLICT).",
                        value -> DataverseConflictPolicy.fromConfigValue((String) value).isPresent() ? null
                                : "must be skip or reread");
    }

    /**
     * Validates every key at once and creates a task; the task gets its token on {@code start()}.
     *
     * @throws io.aihub.api.error.ConfigException listing every problem
     */
    @Override
    public DataverseSinkTask createTask(String instanceName, Map<String, String> config) {
        ConfigDef.Config parsed = config().parse("dataverse sink '" + instanceName + "'", config);
        return new DataverseSinkTask(DataverseConnectionSettings.from(instanceName, parsed),
                parsed.getList(ALLOWED_FIELDS), parsed.getBoolean(USE_ETAG),
                DataverseConflictPolicy.fromConfigValue(parsed.getString(ON_CONFLICT)).orElseThrow());
    }
}
