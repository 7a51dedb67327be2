package io.aihub.connectors.erp.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.aihub.api.error.PermanentException;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.sink.SinkTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes allow-listed columns of existing rows: {@code UPDATE <table> SET <col> = ?, ... WHERE <id> = ?}, plus
 * {@code AND <version> = ?} when a version column is configured. One batch is one transaction, sent with JDBC
 * batching (one statement per distinct set of columns). Per record:
 * <ul>
 * <li>another entity, no fields, a field off the allow-list ({@code FIELD_NOT_ALLOWED}), an id, version or
 *     value that does not convert to its column's type: {@link SinkStatus#REJECTED} without a statement;</li>
 * <li>no row with that id: REJECTED {@code RECORD_NOT_FOUND};</li>
 * <li>the row exists but no longer has the record's version: {@link SinkStatus#CONFLICT}
 *     {@code VERSION_MISMATCH}; the row is never overwritten;</li>
 * <li>otherwise {@link SinkStatus#WRITTEN}. Writing the same values again gives the same row, so a repeated
 *     batch is harmless (with a version column that the table's triggers bump on every update, a repeated
 *     batch reports CONFLICT instead).</li>
 * </ul>
 * When the database refuses the batch for a reason tied to some record (a constraint, a value too long),
 * the transaction is rolled back and every record is written again in its own transaction, so the culprit
 * is REJECTED with code {@code SQLSTATE_<state>} and the others are written. Connection failures, deadlocks,
 * serialization failures and timeouts throw the retriable {@value JdbcErrors#UNAVAILABLE} for the whole
 * batch; bad credentials or missing privileges the permanent {@value JdbcErrors#AUTH} or
 * {@value JdbcErrors#SQL}. An id that matches more than one row is the permanent {@code JDBC_ID_NOT_UNIQUE}
 * and nothing of the batch is committed.
 */
public final class JdbcSinkTask implements SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkTask.class);

    private final JdbcConnectionSettings settings;
    private final List<SqlIdentifier> allowed;

    private volatile HikariDataSource pool;
    private IdentifierFolding folding;
    private ColumnType idType;
    private ColumnType versionType;
    private final Map<SqlIdentifier, ColumnType> allowedTypes = new LinkedHashMap<>();

    JdbcSinkTask(JdbcConnectionSettings settings, List<SqlIdentifier> allowed) {
        this.settings = settings;
        this.allowed = List.copyOf(allowed);
    }

    /**
     * Connects and checks that the table and every allow-listed column exist, so mistakes fail here; may be
     * called again after it failed.
     */
    @Override
    public synchronized void start() {
        if (pool != null) {
            return;
        }
        pool = settings.openPool("sink", false);
        List<SqlIdentifier> probed = new ArrayList<>();
        probed.add(settings.idColumn());
        if (settings.versionColumn() != null) {
            probed.add(settings.versionColumn());
        }
        probed.addAll(allowed);
        try (Connection connection = pool.getConnection()) {
            folding = IdentifierFolding.of(connection.getMetaData());
            List<ColumnType> types = JdbcTableProbe.columnTypes(connection, settings.table().sql(folding),
                    probed.stream().map(c -> c.sql(folding)).toList(), settings.queryTimeoutSeconds());
            idType = types.get(0);
            versionType = settings.versionColumn() == null ? null : types.get(1);
            int first = versionType == null ? 1 : 2;
            for (int i = 0; i < allowed.size(); i++) {
                allowedTypes.put(allowed.get(i), types.get(first + i));
            }
        } catch (SQLException e) {
            stop();
            pool = null;
            throw JdbcErrors.toException(e, settings.instanceName(), "checking " + settings.table());
        }
        LOG.info("AIHUB-JDBC-0003 JDBC sink '{}' started on {} table {} writing {}", settings.instanceName(),
                settings.redactedUrl(), settings.table(), allowed);
    }

    @Override
    public synchronized List<SinkResult> put(List<SinkRecord> batch) {
        if (idType == null) {
            throw new IllegalStateException("put() before start()");
        }
        SinkResult[] results = new SinkResult[batch.size()];
        List<Write> writes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            try {
                writes.add(toWrite(i, batch.get(i)));
            } catch (Refusal refusal) {
                results[i] = new SinkResult(batch.get(i).recordId(), SinkStatus.REJECTED, refusal.code,
                        refusal.getMessage());
            }
        }
        if (!writes.isEmpty()) {
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                writeInOneTransaction(connection, writes, results);
            } catch (SQLException e) {
                throw JdbcErrors.toException(e, settings.instanceName(), "updating " + settings.table());
            }
        }
        LOG.debug("JDBC sink '{}' wrote a batch of {} ({} sent)", settings.instanceName(), batch.size(),
                writes.size());
        return List.of(results);
    }

    private void writeInOneTransaction(Connection connection, List<Write> writes, SinkResult[] results)
            throws SQLException {
        Map<String, List<Write>> bySql = new LinkedHashMap<>();
        writes.forEach(w -> bySql.computeIfAbsent(w.sql, k -> new ArrayList<>()).add(w));
        try {
            for (Map.Entry<String, List<Write>> group : bySql.entrySet()) {
                try (PreparedStatement statement = connection.prepareStatement(group.getKey())) {
                    statement.setQueryTimeout(settings.queryTimeoutSeconds());
                    for (Write write : group.getValue()) {
                        write.bind(statement);
                        statement.addBatch();
                    }
                    int[] counts = statement.executeBatch();
                    for (int k = 0; k < counts.length; k++) {
                        Write write = group.getValue().get(k);
                        results[write.index] = outcome(connection, write, counts[k]);
                    }
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollback(connection);
            if (JdbcErrors.isRetriable(e) || JdbcErrors.failsEveryStatement(e)) {
                throw e;
            }
            LOG.debug("JDBC sink '{}': the batch failed with {}; writing its {} records one by one",
                    settings.instanceName(), JdbcErrors.describe(e), writes.size());
            writeOneByOne(connection, writes, results);
        } catch (RuntimeException e) {
            rollback(connection);
            throw e;
        }
    }

    private void writeOneByOne(Connection connection, List<Write> writes, SinkResult[] results)
            throws SQLException {
        for (Write write : writes) {
            try (PreparedStatement statement = connection.prepareStatement(write.sql)) {
                statement.setQueryTimeout(settings.queryTimeoutSeconds());
                write.bind(statement);
                results[write.index] = outcome(connection, write, statement.executeUpdate());
                connection.commit();
            } catch (SQLException e) {
                rollback(connection);
                if (JdbcErrors.isRetriable(e) || JdbcErrors.failsEveryStatement(e)) {
                    throw e;
                }
                results[write.index] = new SinkResult(write.record.recordId(), SinkStatus.REJECTED,
                        JdbcErrors.recordCode(e), "the database refused the update: " + JdbcErrors.describe(e));
            } catch (RuntimeException e) {
                rollback(connection);
                throw e;
            }
        }
    }

    private SinkResult outcome(Connection connection, Write write, int count) throws SQLException {
        String id = write.record.recordId();
        if (count == 1 || count == Statement.SUCCESS_NO_INFO) {
            return SinkResult.written(id);
        }
        if (count > 1) {
            throw new PermanentException("JDBC_ID_NOT_UNIQUE", "jdbc connector '" + settings.instanceName()
                    + "': an UPDATE of " + settings.table() + " by " + settings.idColumn() + " matched " + count
                    + " rows; the id column must be unique. Nothing of the batch was written.");
        }
        if (!exists(connection, write)) {
            return new SinkResult(id, SinkStatus.REJECTED, "RECORD_NOT_FOUND", "no row of " + settings.table()
                    + " has this id (deleted?)");
        }
        return new SinkResult(id, SinkStatus.CONFLICT, "VERSION_MISMATCH", "the row's " + settings.versionColumn()
                + " changed since the prediction was made; it was not written");
    }

    private boolean exists(Connection connection, Write write) throws SQLException {
        String sql = "SELECT 1 FROM " + settings.table().sql(folding) + " WHERE " + settings.idColumn().sql(folding)
                + " = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setQueryTimeout(settings.queryTimeoutSeconds());
            JdbcValues.bind(statement, 1, write.id, idType);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("JDBC sink '{}' could not roll back: {}", settings.instanceName(), JdbcErrors.describe(e));
        }
    }

    /** Checks a record against the configuration and converts its values, or refuses it. */
    private Write toWrite(int index, SinkRecord record) throws Refusal {
        if (!record.entity().equalsIgnoreCase(settings.entity())) {
            throw new Refusal("ENTITY_NOT_CONFIGURED", "this sink writes " + settings.entity() + " records, not "
                    + record.entity());
        }
        if (record.fields().isEmpty()) {
            throw new Refusal("NO_FIELDS", "the write has no fields");
        }
        List<String> refused = new ArrayList<>();
        Map<SqlIdentifier, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : record.fields().entrySet()) {
            SqlIdentifier column = allowedColumn(field.getKey());
            if (column == null) {
                refused.add(field.getKey());
            } else {
                values.put(column, field.getValue());
            }
        }
        if (!refused.isEmpty()) {
            throw new Refusal("FIELD_NOT_ALLOWED", "field(s) not on the allow-list: "
                    + String.join(", ", refused.stream().sorted().toList()));
        }
        Object id = convert(record.recordId(), idType, "INVALID_ID", "the record id");
        Object version = null;
        if (versionType != null) {
            if (record.version() == null) {
                throw new Refusal("VERSION_MISSING", "the record carries no version, and this sink writes only"
                        + " rows whose " + settings.versionColumn() + " is known");
            }
            version = convert(record.version(), versionType, "INVALID_VERSION", "the record version");
        }
        List<SqlIdentifier> columns = values.keySet().stream()
                .sorted(Comparator.comparing(SqlIdentifier::name)).toList();
        List<Object> converted = new ArrayList<>();
        for (SqlIdentifier column : columns) {
            converted.add(convert(values.get(column), allowedTypes.get(column), "VALUE_NOT_CONVERTIBLE",
                    "field " + column.name()));
        }
        return new Write(index, record, sql(columns), columns, converted, id, version);
    }

    private Object convert(Object value, ColumnType type, String code, String what) throws Refusal {
        try {
            return JdbcValues.convert(value, type);
        } catch (IllegalArgumentException e) {
            throw new Refusal(code, what + " " + e.getMessage());
        }
    }

    private SqlIdentifier allowedColumn(String field) {
        for (SqlIdentifier column : allowed) {
            if (column.quoted() ? column.name().equals(field) : column.name().equalsIgnoreCase(field)) {
                return column;
            }
        }
        return null;
    }

    private String sql(List<SqlIdentifier> columns) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(settings.table().sql(folding)).append(" SET ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).sql(folding)).append(" = ?");
        }
        sql.append(" WHERE ").append(settings.idColumn().sql(folding)).append(" = ?");
        if (versionType != null) {
            sql.append(" AND ").append(settings.versionColumn().sql(folding)).append(" = ?");
        }
        return sql.toString();
    }

    @Override
    public void stop() {
        HikariDataSource open = pool;
        if (open != null && !open.isClosed()) {
            open.close();
            LOG.info("AIHUB-JDBC-0004 JDBC sink '{}' stopped", settings.instanceName());
        }
    }

    /** One record ready to bind: its statement and converted values. */
    private final class Write {
        final int index;
        final SinkRecord record;
        final String sql;
        final List<SqlIdentifier> columns;
        final List<Object> values;
        final Object id;
        final Object version;

        Write(int index, SinkRecord record, String sql, List<SqlIdentifier> columns, List<Object> values, Object id,
                Object version) {
            this.index = index;
            this.record = record;
            this.sql = sql;
            this.columns = columns;
            this.values = values;
            this.id = id;
            this.version = version;
        }

        void bind(PreparedStatement statement) throws SQLException {
            int i = 1;
            for (int k = 0; k < columns.size(); k++) {
                JdbcValues.bind(statement, i++, values.get(k), allowedTypes.get(columns.get(k)));
            }
            JdbcValues.bind(statement, i++, id, idType);
            if (versionType != null) {
                JdbcValues.bind(statement, i, version, versionType);
            }
        }
    }

    /** Why a record is rejected before any statement runs. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Refusal(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }
}
