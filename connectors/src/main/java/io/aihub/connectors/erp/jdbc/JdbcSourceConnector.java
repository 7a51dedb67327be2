package io.aihub.connectors.erp.jdbc;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.error.ConfigException;
import io.aihub.api.source.SourceConnector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Source connector of type {@value #TYPE}: reads a table or view incrementally in (updated, id) order. Keys:
 * the connection keys of {@link JdbcConnectionSettings} plus {@value #UPDATED_COLUMN}, {@value #COLUMNS},
 * {@value #BATCH_SIZE}, {@value #LAG} and {@value #COUNT_BACKLOG}. See {@link JdbcSourceTask} for what the
 * lag is for.
 */
public final class JdbcSourceConnector implements SourceConnector {

    public static final String TYPE = "jdbc";

    public static final String UPDATED_COLUMN = "updatedColumn";
    public static final String COLUMNS = "columns";
    public static final String BATCH_SIZE = "batchSize";
    public static final String LAG = "lag";
    public static final String COUNT_BACKLOG = "countBacklog";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ConfigDef config() {
        return JdbcConnectionSettings.defineConnectionKeys(new ConfigDef())
                .define(UPDATED_COLUMN, ConfigType.STRING, "updated_at", "The timestamp column every write sets"
                        + " (NOT NULL, ideally indexed together with the id column); rows are read in (updated, id)"
                        + " order.", JdbcConnectionSettings.identifier())
                .define(COLUMNS, ConfigType.LIST, null, "Comma-separated columns to read into record fields;"
                        + " 'column AS Field' names the field differently. The id, updated and version columns are"
                        + " always read.", columns())
                .define(BATCH_SIZE, ConfigType.INT, "500", "Rows per page, 1 to 10000.", ConfigKey.between(1, 10_000))
                .define(LAG, ConfigType.DURATION, "5s", "Rows whose updated value is younger than this (by the"
                        + " database's clock) are left for a later poll, so a write transaction still open when a"
                        + " page is read is not skipped; must exceed the longest write transaction. ISO-8601"
                        + " (PT5S), 500ms, 5s or milliseconds.", JdbcConnectionSettings.atLeast(Duration.ZERO))
                .define(COUNT_BACKLOG, ConfigType.BOOLEAN, "true", "Count the rows still to read (one COUNT(*)"
                        + " over the same predicate when a catch-up starts, then estimated) for progress and ETA.");
    }

    /**
     * Validates every key at once and creates a task; no connection is made.
     *
     * @throws ConfigException listing every problem
     */
    @Override
    public JdbcSourceTask createTask(String instanceName, Map<String, String> config) {
        String subject = "jdbc source '" + instanceName + "'";
        ConfigDef.Config parsed = config().parse(subject, config);
        JdbcConnectionSettings settings = JdbcConnectionSettings.from(instanceName, parsed);
        List<SelectedColumn> columns = parsed.getList(COLUMNS).stream().map(SelectedColumn::parse).toList();
        List<String> problems = new ArrayList<>();
        Set<String> fields = new HashSet<>();
        for (SelectedColumn column : columns) {
            if (!fields.add(column.field())) {
                problems.add("key '" + COLUMNS + "' names the field '" + column.field() + "' twice");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(subject, problems);
        }
        return new JdbcSourceTask(settings, SqlIdentifier.parse(parsed.getString(UPDATED_COLUMN)), columns,
                parsed.getInt(BATCH_SIZE), parsed.getDuration(LAG), parsed.getBoolean(COUNT_BACKLOG));
    }

    private static ConfigKey.Validator columns() {
        return value -> {
            List<?> entries = (List<?>) value;
            if (entries.isEmpty()) {
                return "must name at least one column";
            }
            List<String> bad = new ArrayList<>();
            for (Object entry : entries) {
                try {
                    SelectedColumn.parse((String) entry);
                } catch (IllegalArgumentException e) {
                    bad.add("'" + entry + "'");
                }
            }
            return bad.isEmpty() ? null : "holds entries that are not 'column' or 'column AS Field' ("
                    + String.join(", ", bad) + "): each column " + SqlIdentifier.RULE;
        };
    }
}
