package io.aihub.connectors.erp.jdbc;

import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.Set;

/**
 * Classifies JDBC failures as retriable or permanent. Retriable: connection failures (SQLSTATE class
 * {@code 08}), serialization failures and deadlocks ({@code 40001}, {@code 40P01}), an administrator's
 * shutdown or cancel ({@code 57P01}-{@code 57P03}, {@code 57014} which a query timeout also raises), too many
 * connections ({@code 53300}), lock timeouts ({@code 55P03}, H2's {@code HYT00}), and any
 * {@link SQLTransientException} or {@link SQLRecoverableException} without a SQLSTATE. Everything else is
 * permanent; class {@code 28} (bad credentials) is {@value #AUTH}.
 *
 * <p>The exceptions built here carry the SQLSTATE, its class name and the exception type, never the driver's
 * message and never the original exception as cause: drivers put row values into their messages
 * ({@code Key (id)=(42) already exists}).
 */
final class JdbcErrors {

    /** Code: the database is unreachable or asked to try again. */
    static final String UNAVAILABLE = "JDBC_UNAVAILABLE";
    /** Code: the database refused the credentials. */
    static final String AUTH = "JDBC_AUTH";
    /** Code: the database refused a statement for a reason that will not go away. */
    static final String SQL = "JDBC_SQL";

    private static final Set<String> RETRIABLE_STATES = Set.of("40001", "40P01", "57P01", "57P02", "57P03",
            "57014", "53300", "55P03", "HYT00");

    private static final Map<String, String> CLASS_NAMES = Map.ofEntries(
            Map.entry("08", "connection exception"),
            Map.entry("0A", "feature not supported"),
            Map.entry("22", "data exception"),
            Map.entry("23", "integrity constraint violation"),
            Map.entry("25", "invalid transaction state"),
            Map.entry("28", "invalid authorization"),
            Map.entry("3D", "invalid catalog name"),
            Map.entry("3F", "invalid schema name"),
            Map.entry("40", "transaction rollback"),
            Map.entry("42", "syntax error or access rule violation"),
            Map.entry("53", "insufficient resources"),
            Map.entry("55", "object not in prerequisite state"),
            Map.entry("57", "operator intervention"),
            Map.entry("P0", "raised by a trigger or function"));

    private JdbcErrors() {
    }

    /** The first SQLSTATE in the exception, its next exceptions and its causes; null when there is none. */
    static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (e.getSQLState() != null && !e.getSQLState().isBlank()) {
                        return e.getSQLState();
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** True when trying the same statement again later may succeed. */
    static boolean isRetriable(SQLException failure) {
        String state = sqlState(failure);
        if (state != null) {
            return state.startsWith("08") || RETRIABLE_STATES.contains(state);
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
        }
        return false;
    }

    /** True when no statement of the same kind can succeed either: bad credentials, missing privileges. */
    static boolean failsEveryStatement(SQLException failure) {
        String state = sqlState(failure);
        return state != null && (state.startsWith("28") || state.startsWith("42") || state.startsWith("0A")
                || state.startsWith("3D") || state.startsWith("3F"));
    }

    /**
     * The exception to throw for a failure.
     *
     * @param instanceName the connector instance, for the message
     * @param action       what was attempted, e.g. {@code polling erp_customers}
     */
    static AihubException toException(SQLException failure, String instanceName, String action) {
        String message = "jdbc connector '" + instanceName + "': " + action + " failed: " + describe(failure);
        if (isRetriable(failure)) {
            return new RetriableException(UNAVAILABLE, message);
        }
        String state = sqlState(failure);
        return new PermanentException(state != null && state.startsWith("28") ? AUTH : SQL, message);
    }

    /** The SQLSTATE, its class name and the exception type, e.g. {@code SQLSTATE 23514 (integrity ...)}. */
    static String describe(SQLException failure) {
        String state = sqlState(failure);
        String type = failure.getClass().getSimpleName();
        if (state == null) {
            return "no SQLSTATE (" + type + ")";
        }
        String className = CLASS_NAMES.get(state.length() >= 2 ? state.substring(0, 2) : state);
        return "SQLSTATE " + state + (className == null ? "" : " (" + className + ")") + ", " + type;
    }

    /** A result code for one record the database refused, e.g. {@code SQLSTATE_23514}. */
    static String recordCode(SQLException failure) {
        String state = sqlState(failure);
        return state == null ? SQL : "SQLSTATE_" + state;
    }
}
