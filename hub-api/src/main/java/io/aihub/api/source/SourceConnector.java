package io.aihub.api.source;

import io.aihub.api.config.ConfigDef;
import java.util.Map;

/**
 * Describes and configures one kind of source system. A connector validates configuration and creates
 * tasks; it moves no data itself.
 *
 * <p>Lifecycle: {@link #config()} may be called at any time; {@link #createTask} validates the whole
 * configuration first and throws {@link io.aihub.api.error.ConfigException} listing every problem.
 */
public interface SourceConnector {

    /** A short type name used in configuration, e.g. {@code salesforce}. */
    String type();

    /** Every configuration key this connector understands. */
    ConfigDef config();

    /** Creates a task over a validated configuration. The task is not started. */
    SourceTask createTask(String instanceName, Map<String, String> config);
}
