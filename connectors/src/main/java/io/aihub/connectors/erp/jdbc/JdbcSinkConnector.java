package io.aihub.connectors.erp.jdbc;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.error.ConfigException;
import io.aihub.api.sink.SinkConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sink connector of type {@value #TYPE}: writes allow-listed columns of existing rows with {@code UPDATE}.
 * Keys: the connection keys of {@link JdbcConnectionSettings} plus {@value #ALLOWED_FIELDS}.
 */
public final class JdbcSinkConnector implements SinkConnector {

    public static final String TYPE = JdbcSourceConnector.TYPE;

    public static final String ALLOWED_FIELDS = "allowedFields";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return JdbcConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(ALLOWED_FIELDS, ConfigType.LIST, null, "Comma-separated columns the sink may UPDATE; a"
                        + " write touching any other column is rejected. The id and version columns cannot be on it.",
                        allowedFields());
    }

    /**
     * Validates every key at once and creates a task; the task connects on {@code start()}.
     *
     * @throws ConfigException listing every problem
     */
    @Override
    public JdbcSinkTask createTask(String instanceName, Map<String, String> config) {
        String subject = "jdbc sink '" + instanceName + "'";
        ConfigDef.Config parsed = config().parse(subject, config);
        JdbcConnectionSettings settings = JdbcConnectionSettings.from(instanceName, parsed);
        List<SqlIdentifier> allowed = parsed.getList(ALLOWED_FIELDS).stream().map(SqlIdentifier::parse).toList();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < allowed.size(); i++) {
            SqlIdentifier column = allowed.get(i);
            if (column.sameAs(settings.idColumn())) {
                problems.add("key '" + ALLOWED_FIELDS + "' must not hold the id column " + column);
            }
            if (settings.versionColumn() != null && column.sameAs(settings.versionColumn())) {
                problems.add("key '" + ALLOWED_FIELDS + "' must not hold the version column " + column);
            }
            for (int j = 0; j < i; j++) {
                if (column.sameAs(allowed.get(j))) {
                    problems.add("key '" + ALLOWED_FIELDS + "' names " + column + " twice");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(subject, problems);
        }
        return new JdbcSinkTask(settings, allowed);
    }

    private static ConfigKey.Validator allowedFields() {
        return value -> {
            List<?> names = (List<?>) value;
            if (names.isEmpty()) {
                return "must name at least one column";
            }
            return names.stream().allMatch(n -> SqlIdentifier.isValid((String) n)) ? null
                    : "must hold only column names: each " + SqlIdentifier.RULE;
        };
    }
}
