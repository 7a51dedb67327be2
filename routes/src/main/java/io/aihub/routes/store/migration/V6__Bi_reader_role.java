package io.aihub.routes.store.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * BI schema v6: the role {@value #ROLE}, allowed to SELECT the BI views and nothing else (no base table, no
 * write). Login users for BI tools are made members of it ({@code docs/bi.md}). Code instead of SQL because a
 * PostgreSQL role belongs to the whole server, so it may already exist (another aihub database on the same
 * server): it is created only when missing, then granted the views. The same grants on H2 and PostgreSQL.
 */
public final class V6__Bi_reader_role extends BaseJavaMigration {

    /** The read-only BI role. */
    public static final String ROLE = "aihub_bi_reader";
    /** The views the role may read; the base tables stay refused. */
    public static final List<String> VIEWS = List.of("latest_prediction", "prediction_results", "shadow_results",
            "model_daily",
            "model_quality", "model_calibration", "drift_history", "route_run_history");

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement s = connection.createStatement()) {
            if (!roleExists(connection)) {
                s.execute("CREATE ROLE " + ROLE);
            }
            s.execute("GRANT SELECT ON " + String.join(", ", VIEWS) + " TO " + ROLE);
        }
    }

    private static boolean roleExists(Connection connection) throws SQLException {
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        String query = postgres ? "SELECT 1 FROM pg_roles WHERE rolname = ?"
                : "SELECT 1 FROM INFORMATION_SCHEMA.ROLES WHERE LOWER(ROLE_NAME) = ?";
        try (PreparedStatement s = connection.prepareStatement(query)) {
            s.setString(1, ROLE);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
