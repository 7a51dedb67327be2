package io.aihub.connectors.erp.jdbc;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Converts between column values and the values records carry. Reading gives what {@link
 * io.aihub.api.source.SourceRecord} fields allow: Long for integer columns, BigDecimal for decimals, Double,
 * Boolean, and text for the rest (timestamps as ISO-8601: {@code 2026-01-05T08:00:00.123} without a zone,
 * {@code 2026-01-05T08:00:00.123Z} with one, binary as Base64). Binding converts a record value (text, number,
 * boolean or null) to the Java type of the column, or refuses it with an {@link IllegalArgumentException}
 * whose message names the column type but never the value.
 */
final class JdbcValues {

    private JdbcValues() {
    }

    /** Reads column {@code index} of the current row; null for SQL NULL. */
    static Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
        Object value = switch (type.kind()) {
            case INTEGER -> rs.getLong(index);
            case DECIMAL -> rs.getBigDecimal(index);
            case FLOATING -> rs.getDouble(index);
            case BOOLEAN -> rs.getBoolean(index);
            case TIMESTAMP -> text(rs.getObject(index, LocalDateTime.class));
            case TIMESTAMP_TZ -> text(rs.getObject(index, OffsetDateTime.class));
            case DATE -> text(rs.getObject(index, LocalDate.class));
            case BINARY -> base64(rs.getBytes(index));
            default -> rs.getString(index);
        };
        return rs.wasNull() ? null : value;
    }

    /** Reads column {@code index} of the current row as text; null for SQL NULL. */
    static String readText(ResultSet rs, int index, ColumnType type) throws SQLException {
        Object value = read(rs, index, type);
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value == null ? null : value.toString();
    }

    static String text(LocalDateTime value) {
        return value == null ? null : DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(value);
    }

    static String text(OffsetDateTime value) {
        return value == null ? null : value.toInstant().toString();
    }

    private static String text(LocalDate value) {
        return value == null ? null : value.toString();
    }

    private static String base64(byte[] value) {
        return value == null ? null : Base64.getEncoder().encodeToString(value);
    }

    /**
     * Converts a record value to the Java value to bind for a column of {@code type}.
     *
     * @return the value to bind; null for SQL NULL
     * @throws IllegalArgumentException when the value cannot be converted (the message holds no value)
     */
    static Object convert(Object value, ColumnType type) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw refused(type, "only text, numbers, booleans and null can be written");
        }
        try {
            return switch (type.kind()) {
                case INTEGER -> toLong(value, type);
                case DECIMAL -> toDecimal(value, type);
                case FLOATING -> toDouble(value, type);
                case BOOLEAN -> toBoolean(value, type);
                case TEXT -> value instanceof BigDecimal d ? d.toPlainString() : value.toString();
                case TIMESTAMP -> LocalDateTime.parse(text(value, type));
                case TIMESTAMP_TZ -> toOffsetDateTime(text(value, type));
                case DATE -> LocalDate.parse(text(value, type));
                case TIME -> LocalTime.parse(text(value, type));
                case UUID -> UUID.fromString(text(value, type));
                case BINARY -> throw refused(type, "binary columns cannot be written");
                case OTHER -> value;
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw refused(type, "the value is not one");
        }
    }

    /** Binds a value {@link #convert} returned. */
    static void bind(PreparedStatement statement, int index, Object converted, ColumnType type) throws SQLException {
        if (converted == null) {
            statement.setNull(index, type.jdbcType());
        } else if (converted instanceof Long l) {
            statement.setLong(index, l);
        } else if (converted instanceof Double d) {
            statement.setDouble(index, d);
        } else if (converted instanceof BigDecimal d) {
            statement.setBigDecimal(index, d);
        } else if (converted instanceof Boolean b) {
            statement.setBoolean(index, b);
        } else if (converted instanceof String s) {
            statement.setString(index, s);
        } else {
            statement.setObject(index, converted);
        }
    }

    private static Long toLong(Object value, ColumnType type) {
        if (value instanceof Boolean) {
            throw refused(type, "a boolean is not an integer");
        }
        BigDecimal decimal = value instanceof BigDecimal d ? d
                : new BigDecimal(value instanceof String s ? s.strip() : value.toString());
        return decimal.longValueExact();
    }

    private static BigDecimal toDecimal(Object value, ColumnType type) {
        if (value instanceof Boolean) {
            throw refused(type, "a boolean is not a number");
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value instanceof String s ? s.strip()
                : value.toString());
    }

    private static Double toDouble(Object value, ColumnType type) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof String s) {
            return Double.parseDouble(s.strip());
        }
        throw refused(type, "a boolean is not a number");
    }

    private static Boolean toBoolean(Object value, ColumnType type) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.strip().equalsIgnoreCase("true") || s.strip().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(s.strip());
        }
        throw refused(type, "only true or false can be written");
    }

    private static String text(Object value, ColumnType type) {
        if (value instanceof String s) {
            return s.strip();
        }
        throw refused(type, "it must be written as ISO-8601 text");
    }

    private static OffsetDateTime toOffsetDateTime(String text) {
        if (text.endsWith("Z") || text.endsWith("z")) {
            return Instant.parse(text).atOffset(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static IllegalArgumentException refused(ColumnType type, String why) {
        return new IllegalArgumentException("cannot be converted to the column type " + type + ": " + why);
    }
}
