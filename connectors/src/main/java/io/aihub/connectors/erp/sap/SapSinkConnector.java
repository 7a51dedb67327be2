package io.aihub.connectors.erp.sap;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigType;
import io.aihub.api.sink.SinkConnector;
import java.util.Map;

/**
 * Sink connector of type {@value #TYPE}: writes prediction fields back to entities of one OData v2 entity
 * set with {@code PATCH} and {@code If-Match}. Keys: the connection keys of {@link SapConnectionSettings} plus
 * {@value #ALLOWED_FIELDS}.
 */
public final class SapSinkConnector implements SinkConnector {

    public static final String TYPE = "sap-odata";

    public static final String ALLOWED_FIELDS = "allowedFields";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return SapConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(ALLOWED_FIELDS, ConfigType.LIST, null, "Comma-separated properties the sink may write,"
                        + " e.g. YY1_ChurnScore_bus,YY1_ChurnRisk_bus; a write touching any other property is"
                        + " rejected without a call.", SapConnectionSettings.names());
    }

    /**
     * Validates every key at once and creates a task; the task fetches its CSRF token on {@code start()}.
     *
     * @throws io.aihub.api.error.ConfigException listing every problem
     */
    @Override
    public SapSinkTask createTask(String instanceName, Map<String, String> config) {
        ConfigDef.Config parsed = SapConnectionSettings.parse("sap-odata sink '" + instanceName + "'", config(),
                config);
        return new SapSinkTask(SapConnectionSettings.from(instanceName, parsed), parsed.getList(ALLOWED_FIELDS));
    }
}
