package io.aihub.connectors.erp.jdbc;

import io.aihub.api.error.PermanentException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The statements of one source, rendered from validated identifiers once the database's identifier case is
 * known, and the types of the columns they select. Every statement selects, in this order, the updated column,
 * the id column, the version column (when configured) and the configured columns, and binds every value.
 *
 * <p>The keyset predicate is written {@code u >= ? AND (u > ? OR (u = ? AND id > ?))} rather than as a row
 * value comparison: the same text runs on PostgreSQL and H2, and the leading {@code u >= ?} lets an index on
 * {@code (u, id)} start the scan at the position instead of filtering every earlier row.
 *
 * @param updatedType the updated column's type (a timestamp, with or without time zone)
 * @param idType      the id column's type
 * @param versionType the version column's type, or null
 * @param fieldTypes  the configured columns' types
 * @param now         selects the database's current time in the updated column's flavour
 * @param fromStart   the first page: binds cutoff, limit
 * @param after       a later page: binds position updated (3 times) and id, cutoff, limit
 * @param countAfter  the rows after a position: binds position updated (3 times) and id, cutoff
 */
record JdbcSourceQuery(ColumnType updatedType, ColumnType idType, ColumnType versionType,
        List<ColumnType> fieldTypes, String now, String fromStart, String after, String countAfter) {

    JdbcSourceQuery {
        Objects.requireNonNull(updatedType, "updatedType");
        Objects.requireNonNull(idType, "idType");
        fieldTypes = List.copyOf(fieldTypes);
    }

    /** Index (1-based) of the first configured column in the select list. */
    int firstFieldIndex() {
        return versionType == null ? 3 : 4;
    }

    /**
     * Probes the table and renders the statements.
     *
     * @throws PermanentException {@code JDBC_UPDATED_COLUMN_TYPE} when the updated column is not a timestamp
     */
    static JdbcSourceQuery prepare(Connection connection, JdbcConnectionSettings settings, SqlIdentifier updated,
            List<SelectedColumn> columns) throws SQLException {
        IdentifierFolding folding = IdentifierFolding.of(connection.getMetaData());
        String u = updated.sql(folding);
        String id = settings.idColumn().sql(folding);
        List<String> select = new ArrayList<>(List.of(u, id));
        if (settings.versionColumn() != null) {
            select.add(settings.versionColumn().sql(folding));
        }
        columns.forEach(c -> select.add(c.column().sql(folding)));
        String table = settings.table().sql(folding);
        List<ColumnType> types = JdbcTableProbe.columnTypes(connection, table, select, settings.queryTimeoutSeconds());

        ColumnType updatedType = types.get(0);
        if (!updatedType.isTimestamp()) {
            throw new PermanentException("JDBC_UPDATED_COLUMN_TYPE", "jdbc connector '" + settings.instanceName()
                    + "': the updated column " + updated + " of " + settings.table() + " is of type "
                    + updatedType + "; it must be a timestamp (with or without time zone)");
        }
        ColumnType versionType = settings.versionColumn() == null ? null : types.get(2);
        int first = versionType == null ? 2 : 3;

        String keyset = u + " >= ? AND (" + u + " > ? OR (" + u + " = ? AND " + id + " > ?))";
        String order = " ORDER BY " + u + ", " + id + " LIMIT ?";
        String selectFrom = "SELECT " + String.join(", ", select) + " FROM " + table + " WHERE ";
        String now = updatedType.kind() == ColumnType.Kind.TIMESTAMP_TZ ? "SELECT CURRENT_TIMESTAMP"
                : "SELECT LOCALTIMESTAMP";
        return new JdbcSourceQuery(updatedType, types.get(1), versionType, types.subList(first, types.size()), now,
                selectFrom + u + " <= ?" + order,
                selectFrom + keyset + " AND " + u + " <= ?" + order,
                "SELECT COUNT(*) FROM " + table + " WHERE " + keyset + " AND " + u + " <= ?");
    }
}
