package io.aihub.connectors.erp.jdbc;

import java.util.Objects;

/**
 * A table or view name from configuration, optionally schema-qualified ({@code erp.customers}); each part is
 * a {@link SqlIdentifier}.
 *
 * @param schema the schema, or null for the connection's search path
 * @param table  the table or view
 */
record SqlTableName(SqlIdentifier schema, SqlIdentifier table) {

    SqlTableName {
        Objects.requireNonNull(table, "table");
    }

    /**
     * Parses {@code table} or {@code schema.table}.
     *
     * @throws IllegalArgumentException when a part is not an identifier or there are more than two parts
     */
    static SqlTableName parse(String text) {
        // Identifiers cannot hold dots, not even quoted ones, so splitting on dots is safe.
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length == 1) {
            return new SqlTableName(null, SqlIdentifier.parse(parts[0]));
        }
        if (parts.length == 2) {
            return new SqlTableName(SqlIdentifier.parse(parts[0]), SqlIdentifier.parse(parts[1]));
        }
        throw new IllegalArgumentException("must be a table or schema.table");
    }

    String sql(IdentifierFolding folding) {
        return schema == null ? table.sql(folding) : schema.sql(folding) + "." + table.sql(folding);
    }

    @Override
    public String toString() {
        return schema == null ? table.toString() : schema + "." + table;
    }
}
