package io.aihub.connectors.crm.salesforce;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigType;
import io.aihub.api.sink.SinkConnector;
import java.util.Map;

/**
 * Sink connector of type {@value #TYPE}: writes prediction fields back to sObject records. Keys: the
 * connection keys of {@link SalesforceConnectionSettings} plus {@value #ALLOWED_FIELDS}.
 */
public final class SalesforceSinkConnector implements SinkConnector {

    public static final String TYPE = "salesforce";

    public static final String ALLOWED_FIELDS = "allowedFields";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return SalesforceConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(ALLOWED_FIELDS, ConfigType.LIST, null, "Comma-separated fields the sink may write;"
                        + " a write touching any other field is rejected.", SalesforceConnectionSettings.apiNames());
    }

    /**
     * Validates every key at once and creates a task; the task logs in on {@code start()}.
     *
     * @throws io.aihub.api.error.ConfigException listing every problem
     */
    @Override
    public SalesforceSinkTask createTask(String instanceName, Map<String, String> config) {
        ConfigDef.Config parsed = SalesforceConnectionSettings.parse("salesforce sink '" + instanceName + "'",
                config(), config);
        return new SalesforceSinkTask(SalesforceConnectionSettings.from(instanceName, parsed),
                parsed.getList(ALLOWED_FIELDS));
    }
}
