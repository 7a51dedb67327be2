package io.aihub.routes.store;

import io.aihub.api.error.RetriableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** Appends drift report rows to {@code drift_reports}, one window's rows in one transaction. */
public final class DriftReportTable {

    private static final String INSERT = "INSERT INTO drift_reports (route_id, model_name, model_version, "
            + "window_start, window_end, records, feature, psi, missing_rate, out_of_range_rate, psi_threshold, "
            + "drifted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public DriftReportTable(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores one window's rows.
     *
     * @throws RetriableException {@code DB_UNAVAILABLE} when the database cannot take them now
     */
    public void insert(List<DriftReportRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                for (DriftReportRow r : rows) {
                    int i = 1;
                    s.setString(i++, r.routeId());
                    s.setString(i++, r.modelName());
                    s.setString(i++, r.modelVersion());
                    s.setTimestamp(i++, Timestamp.from(r.windowStart()));
                    s.setTimestamp(i++, Timestamp.from(r.windowEnd()));
                    s.setInt(i++, r.records());
                    s.setString(i++, r.feature());
                    s.setDouble(i++, r.psi());
                    s.setDouble(i++, r.missingRate());
                    s.setDouble(i++, r.outOfRangeRate());
                    s.setDouble(i++, r.psiThreshold());
                    s.setBoolean(i++, r.drifted());
                    s.setTimestamp(i, now);
                    s.addBatch();
                }
                s.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new RetriableException("DB_UNAVAILABLE", "cannot store " + rows.size() + " drift report row(s): "
                    + e.getSQLState(), e);
        }
    }
}
