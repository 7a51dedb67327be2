package io.aihub.connectors.erp.jdbc;

import java.sql.Types;
import java.util.Locale;
import java.util.Objects;

/**
 * A column's type as the driver reports it, and the kind of Java value the connector reads and binds for it.
 *
 * @param kind     how values are read and bound
 * @param jdbcType the {@link Types} constant
 * @param typeName the database's own type name, e.g. {@code timestamptz}
 */
record ColumnType(Kind kind, int jdbcType, String typeName) {

    /** How values of a column are read and bound. */
    enum Kind {
        INTEGER, DECIMAL, FLOATING, BOOLEAN, TEXT, TIMESTAMP, TIMESTAMP_TZ, DATE, TIME, UUID, BINARY, OTHER
    }

    ColumnType {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(typeName, "typeName");
    }

    /** Classifies a column from its result set metadata. */
    static ColumnType of(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        return new ColumnType(kindOf(jdbcType, name), jdbcType, name);
    }

    private static Kind kindOf(int jdbcType, String name) {
        // pgjdbc reports timestamptz as Types.TIMESTAMP and boolean as Types.BIT; the type name tells them apart.
        if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || name.equals("timestamptz") || name.contains("with time zone")
                && name.startsWith("timestamp")) {
            return Kind.TIMESTAMP_TZ;
        }
        if (name.equals("uuid")) {
            return Kind.UUID;
        }
        return switch (jdbcType) {
            case Types.TIMESTAMP -> Kind.TIMESTAMP;
            case Types.DATE -> Kind.DATE;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> Kind.TIME;
            case Types.BIT, Types.BOOLEAN -> Kind.BOOLEAN;
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> Kind.INTEGER;
            case Types.NUMERIC, Types.DECIMAL -> Kind.DECIMAL;
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.FLOATING;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> Kind.TEXT;
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BINARY;
            default -> Kind.OTHER;
        };
    }

    /** True for the two kinds a source's updated column may have. */
    boolean isTimestamp() {
        return kind == Kind.TIMESTAMP || kind == Kind.TIMESTAMP_TZ;
    }

    @Override
    public String toString() {
        return typeName;
    }
}
