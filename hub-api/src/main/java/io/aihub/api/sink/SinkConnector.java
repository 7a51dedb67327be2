package io.aihub.api.sink;

import io.aihub.api.config.ConfigDef;
import java.util.Map;

/** Describes and configures one kind of sink system and creates its tasks. */
public interface SinkConnector {

    /** A short type name used in configuration, e.g. {@code salesforce}. */
    String type();

    /** Every configuration key this connector understands. */
    ConfigDef config();

    /** Creates a task over a validated configuration; throws ConfigException listing every problem. */
    SinkTask createTask(String instanceName, Map<String, String> config);
}
