package io.aihub.connectors.erp.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.api.source.SourceTask;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a table or view in (updated, id) order with a keyset query:
 * {@code WHERE u >= :u AND (u > :u OR (u = :u AND id > :id)) AND u <= :cutoff ORDER BY u, id LIMIT batchSize}.
 * Rows sharing one updated value are split across pages without loss or repetition, and a row updated while
 * the table is paged moves behind the position and is read again, in its new version, by a later poll.
 *
 * <p><b>The lag.</b> {@code cutoff} is the database's current time ({@code CURRENT_TIMESTAMP}, or
 * {@code LOCALTIMESTAMP} for a column without time zone) minus {@code lag}, so the JVM's clock plays no part.
 * A write transaction usually stamps its rows with its start time ({@code now()}) but makes them visible only
 * at commit; without the lag a poll between the two could read younger rows, move the position past the
 * in-flight row's stamp and never see it. With the lag such a row is read as long as its transaction commits
 * within {@code lag} of the stamp: the lag must exceed the longest write transaction. A row committed later
 * than that, with a stamp older than the position, is missed. Deleted rows are never seen by a keyset poll
 * (mark them deleted instead).
 *
 * <p>Position keys: {@value JdbcPosition#UPDATED_AT} (ISO-8601 text) and {@value JdbcPosition#ID}. The record
 * version is the version column's value when one is configured, else the updated value. {@link #poll} and
 * {@link #rewind} run on the polling thread; {@link #stop} may be called from any thread: it cancels the
 * running statement, so a blocked poll returns an empty page at once. Every statement also has a query
 * timeout. The first poll connects and checks the table and columns; a failure is classified by
 * {@link JdbcErrors}.
 */
public final class JdbcSourceTask implements SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSourceTask.class);

    private final JdbcConnectionSettings settings;
    private final SqlIdentifier updatedColumn;
    private final List<SelectedColumn> columns;
    private final int batchSize;
    private final Duration lag;
    private final boolean countBacklog;

    private volatile HikariDataSource pool;
    private volatile Statement running;
    private volatile boolean polling;
    private volatile boolean stopped;
    private JdbcSourceQuery query;
    private SourcePosition position = SourcePosition.START;
    private long backlogEstimate = SourcePage.UNKNOWN_BACKLOG;

    JdbcSourceTask(JdbcConnectionSettings settings, SqlIdentifier updatedColumn, List<SelectedColumn> columns,
            int batchSize, Duration lag, boolean countBacklog) {
        this.settings = settings;
        this.updatedColumn = updatedColumn;
        this.columns = List.copyOf(columns);
        this.batchSize = batchSize;
        this.lag = lag;
        this.countBacklog = countBacklog;
    }

    @Override
    public synchronized void start(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        JdbcPosition.of(settings.instanceName(), committed);
        if (pool != null) {
            throw new IllegalStateException("start() called twice");
        }
        position = committed;
        pool = settings.openPool("source", true);
        LOG.info("AIHUB-JDBC-0001 JDBC source '{}' starting on {} table {} with lag {} {}", settings.instanceName(),
                settings.redactedUrl(), settings.table(), lag,
                committed.isStart() ? "from the beginning" : "after " + committed.values());
    }

    @Override
    public synchronized SourcePage poll() {
        if (pool == null) {
            throw new IllegalStateException("poll() before start()");
        }
        if (stopped) {
            return SourcePage.empty(position);
        }
        polling = true;
        try (Connection connection = pool.getConnection()) {
            if (query == null) {
                query = JdbcSourceQuery.prepare(connection, settings, updatedColumn, columns);
            }
            return readPage(connection);
        } catch (SQLException e) {
            if (stopped) {
                return SourcePage.empty(position);
            }
            throw JdbcErrors.toException(e, settings.instanceName(), "polling " + settings.table());
        } finally {
            polling = false;
            if (stopped) {
                closePool();
            }
        }
    }

    private SourcePage readPage(Connection connection) throws SQLException {
        Object cutoff = cutoff(connection);
        JdbcPosition after = JdbcPosition.of(settings.instanceName(), position);
        List<SourceRecord> records = new ArrayList<>();
        boolean hasMore = false;
        try (PreparedStatement statement = connection.prepareStatement(after == null ? query.fromStart()
                : query.after())) {
            int next = after == null ? 1 : bindPosition(statement, after);
            JdbcValues.bind(statement, next, cutoff, query.updatedType());
            statement.setInt(next + 1, batchSize + 1);
            try (ResultSet rs = execute(statement)) {
                while (rs.next()) {
                    if (records.size() == batchSize) {
                        hasMore = true;
                        break;
                    }
                    records.add(toRecord(rs));
                }
            } finally {
                running = null;
            }
        }
        if (!records.isEmpty()) {
            position = records.get(records.size() - 1).position();
        }
        long backlog = backlog(connection, hasMore, records.size(), cutoff);
        LOG.debug("JDBC source '{}' polled {} rows, more: {}, backlog: {}", settings.instanceName(), records.size(),
                hasMore, backlog);
        return new SourcePage(records, position, hasMore, backlog);
    }

    /** The database's time minus the lag, as the updated column's Java type. */
    private Object cutoff(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query.now());
                ResultSet rs = execute(statement)) {
            rs.next();
            if (query.updatedType().kind() == ColumnType.Kind.TIMESTAMP_TZ) {
                return rs.getObject(1, OffsetDateTime.class).minus(lag);
            }
            return rs.getObject(1, LocalDateTime.class).minus(lag);
        } finally {
            running = null;
        }
    }

    /** Binds the keyset predicate's four parameters; returns the next parameter index. */
    private int bindPosition(PreparedStatement statement, JdbcPosition after) throws SQLException {
        Object updated;
        Object id;
        try {
            updated = JdbcValues.convert(after.updatedAt(), query.updatedType());
            id = JdbcValues.convert(after.id(), query.idType());
        } catch (IllegalArgumentException e) {
            throw JdbcPosition.invalid(settings.instanceName(), "does not fit the columns' types: " + e.getMessage());
        }
        for (int i = 1; i <= 3; i++) {
            JdbcValues.bind(statement, i, updated, query.updatedType());
        }
        JdbcValues.bind(statement, 4, id, query.idType());
        return 5;
    }

    /** Runs a query that {@link #stop} can cancel; the caller clears {@link #running}. */
    private ResultSet execute(PreparedStatement statement) throws SQLException {
        statement.setQueryTimeout(settings.queryTimeoutSeconds());
        running = statement;
        if (stopped) {
            throw new SQLException("the task was stopped", "57014");
        }
        return statement.executeQuery();
    }

    private SourceRecord toRecord(ResultSet rs) throws SQLException {
        String updated = JdbcValues.readText(rs, 1, query.updatedType());
        String id = JdbcValues.readText(rs, 2, query.idType());
        if (id == null) {
            throw new PermanentException("JDBC_NULL_ID", "jdbc connector '" + settings.instanceName()
                    + "': a row of " + settings.table() + " has no value in the id column " + settings.idColumn());
        }
        String version = updated;
        if (query.versionType() != null) {
            String value = JdbcValues.readText(rs, 3, query.versionType());
            version = value == null ? updated : value;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        int index = query.firstFieldIndex();
        for (int i = 0; i < columns.size(); i++) {
            fields.put(columns.get(i).field(), JdbcValues.read(rs, index + i, query.fieldTypes().get(i)));
        }
        SourcePosition after = new JdbcPosition(updated, id).toSourcePosition();
        return new SourceRecord(settings.instanceName(), settings.entity(), id, version, instant(updated), fields,
                after);
    }

    /** A timestamp without time zone is taken in the JVM's zone, the zone the driver gives the session. */
    private Instant instant(String updated) {
        if (query.updatedType().kind() == ColumnType.Kind.TIMESTAMP_TZ) {
            return Instant.parse(updated);
        }
        return LocalDateTime.parse(updated).atZone(ZoneId.systemDefault()).toInstant();
    }

    /**
     * Rows known to wait after this page: none when the page was not full; otherwise the last count minus the
     * rows read since, counted again when that runs out. Progress only: a failed count gives "unknown".
     */
    private long backlog(Connection connection, boolean hasMore, int read, Object cutoff) {
        if (!hasMore) {
            backlogEstimate = SourcePage.UNKNOWN_BACKLOG;
            return 0;
        }
        if (!countBacklog) {
            return SourcePage.UNKNOWN_BACKLOG;
        }
        if (backlogEstimate - read > 0) {
            backlogEstimate -= read;
            return backlogEstimate;
        }
        try (PreparedStatement statement = connection.prepareStatement(query.countAfter())) {
            int next = bindPosition(statement, JdbcPosition.of(settings.instanceName(), position));
            JdbcValues.bind(statement, next, cutoff, query.updatedType());
            try (ResultSet rs = execute(statement)) {
                rs.next();
                backlogEstimate = rs.getLong(1);
            } finally {
                running = null;
            }
        } catch (SQLException e) {
            LOG.debug("JDBC source '{}' could not count its backlog: {}", settings.instanceName(),
                    JdbcErrors.describe(e));
            backlogEstimate = SourcePage.UNKNOWN_BACKLOG;
        }
        return backlogEstimate;
    }

    @Override
    public synchronized void rewind(SourcePosition committed) {
        Objects.requireNonNull(committed, "committed");
        JdbcPosition.of(settings.instanceName(), committed);
        position = committed;
        backlogEstimate = SourcePage.UNKNOWN_BACKLOG;
    }

    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                LOG.debug("JDBC source '{}' could not cancel its statement: {}", settings.instanceName(),
                        JdbcErrors.describe(e));
            }
        }
        if (!polling) {
            closePool();
        }
        LOG.info("AIHUB-JDBC-0002 JDBC source '{}' stopped", settings.instanceName());
    }

    private void closePool() {
        HikariDataSource open = pool;
        if (open != null) {
            open.close();
        }
    }
}
