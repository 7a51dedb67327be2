package io.aihub.routes.api;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * {@code GET /api/models/<name>/drift}: the newest rows of the BI table {@code drift_reports} for a model (one
 * row per route, model version, window and feature, {@code __score__} for the score), oldest first, so the
 * dashboard can chart PSI over time. A database without the table (its migration not applied yet) gives an
 * empty list.
 */
final class DriftReportsView {

    /** Most rows returned. */
    static final int MAX_ROWS = 5_000;

    private final DataSource dataSource;

    DriftReportsView(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Map<String, Object> render(String model) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean present;
        try (Connection c = dataSource.getConnection()) {
            present = tableExists(c.getMetaData());
            if (present) {
                String sql = "SELECT route_id, model_version, window_start, window_end, records, feature, psi,"
                        + " missing_rate, out_of_range_rate, psi_threshold, drifted FROM drift_reports"
                        + " WHERE model_name = ? ORDER BY window_end DESC, feature LIMIT " + MAX_ROWS;
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, model);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rows.add(RouteStatusView.ordered("route", rs.getString(1), "modelVersion",
                                    rs.getString(2), "windowStart", instant(rs.getTimestamp(3)), "windowEnd",
                                    instant(rs.getTimestamp(4)), "records", rs.getInt(5), "feature",
                                    rs.getString(6), "psi", number(rs, 7), "missingRate", number(rs, 8),
                                    "outOfRangeRate", number(rs, 9), "psiThreshold", number(rs, 10), "drifted",
                                    rs.getBoolean(11)));
                        }
                    }
                }
            }
        }
        Collections.reverse(rows);
        return RouteStatusView.ordered("model", model, "tablePresent", present, "reports", rows);
    }

    private static boolean tableExists(DatabaseMetaData meta) throws SQLException {
        for (String name : List.of("drift_reports", "DRIFT_REPORTS")) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE", "BASE TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String instant(Timestamp t) {
        return t == null ? null : t.toInstant().toString();
    }

    private static Double number(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() || !Double.isFinite(v) ? null : v;
    }
}
