package io.aihub.routes.store;

import io.aihub.api.error.RetriableException;
import io.aihub.routes.progress.RouteCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import javax.sql.DataSource;

/**
 * Keeps {@code route_runs} up to date: one row per hub run (a hub process, {@code runId}) and route, holding the
 * route's counters so far. Each {@link #record} call writes every route's current counters; the last one, with
 * {@code ended}, marks the run stopped.
 */
public final class RouteRunTable {

    private static final String UPDATE = "UPDATE route_runs SET updated_at = ?, ended_at = ?, status = ?, "
            + "pulled = ?, scored = ?, published = ?, written_back = ?, bi_rows = ?, dead_lettered = ?, "
            + "fallbacks = ?, page_failures = ? WHERE run_id = ? AND route_id = ?";
    private static final String INSERT = "INSERT INTO route_runs (updated_at, ended_at, status, pulled, scored, "
            + "published, written_back, bi_rows, dead_lettered, fallbacks, page_failures, run_id, route_id, "
            + "hub_version, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** {@code status} while the hub runs. */
    public static final String RUNNING = "running";
    /** {@code status} after a graceful stop. */
    public static final String STOPPED = "stopped";

    private final DataSource dataSource;
    private final String runId;
    private final String hubVersion;
    private final Instant startedAt;

    public RouteRunTable(DataSource dataSource, String runId, String hubVersion, Instant startedAt) {
        this.dataSource = dataSource;
        this.runId = runId;
        this.hubVersion = hubVersion;
        this.startedAt = startedAt;
    }

    public String runId() {
        return runId;
    }

    /**
     * Writes every route's counters now, in one transaction.
     *
     * @param ended true for the last call of the run (sets {@code ended_at} and status {@value #STOPPED})
     * @throws RetriableException {@code DB_UNAVAILABLE} when the database cannot take them now
     */
    public void record(Collection<RouteCounters> routes, boolean ended) {
        if (routes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(UPDATE);
                    PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (RouteCounters r : routes) {
                    bind(update, r, now, ended);
                    if (update.executeUpdate() == 0) {
                        bind(insert, r, now, ended);
                        insert.setString(14, hubVersion);
                        insert.setTimestamp(15, Timestamp.from(startedAt));
                        insert.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RetriableException("DB_UNAVAILABLE", "cannot record route runs: " + e.getSQLState(), e);
        }
    }

    private void bind(PreparedStatement s, RouteCounters r, Timestamp now, boolean ended) throws SQLException {
        int i = 1;
        s.setTimestamp(i++, now);
        s.setTimestamp(i++, ended ? now : null);
        s.setString(i++, ended ? STOPPED : RUNNING);
        s.setLong(i++, r.pulled.sum());
        s.setLong(i++, r.scored.sum());
        s.setLong(i++, r.published.sum());
        s.setLong(i++, r.writtenBack.sum());
        s.setLong(i++, r.biRows.sum());
        s.setLong(i++, r.deadLettered.sum());
        s.setLong(i++, r.fallbacks.sum());
        s.setLong(i++, r.pageFailures.sum());
        s.setString(i++, runId);
        s.setString(i, r.routeId());
    }
}
