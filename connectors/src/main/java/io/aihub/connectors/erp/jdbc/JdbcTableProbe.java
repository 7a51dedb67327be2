package io.aihub.connectors.erp.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Learns the types of some columns of a table by selecting them with a condition no row meets
 * ({@code WHERE 1 = 0}): a missing table or column fails here, with its SQLSTATE, before any data moves.
 */
final class JdbcTableProbe {

    private JdbcTableProbe() {
    }

    /**
     * The types of {@code columns}, in order.
     *
     * @param tableSql       the rendered table name
     * @param columnSqls     the rendered column names
     * @param timeoutSeconds the statement's query timeout
     */
    static List<ColumnType> columnTypes(Connection connection, String tableSql, List<String> columnSqls,
            int timeoutSeconds) throws SQLException {
        String sql = "SELECT " + String.join(", ", columnSqls) + " FROM " + tableSql + " WHERE 1 = 0";
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = statement.executeQuery(sql)) {
                ResultSetMetaData meta = rs.getMetaData();
                List<ColumnType> types = new ArrayList<>(columnSqls.size());
                for (int i = 1; i <= columnSqls.size(); i++) {
                    types.add(ColumnType.of(meta.getColumnType(i), meta.getColumnTypeName(i)));
                }
                return types;
            }
        }
    }
}
