package io.aihub.connectors.erp.jdbc;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import java.util.Objects;

/**
 * A position in the (updated, id) order the source reads in: just after the row with this updated value and
 * id. Both are kept as the text {@link JdbcValues} reads them as, and converted to the columns' types when
 * bound.
 *
 * @param updatedAt the updated column's value, ISO-8601
 * @param id        the id column's value as text
 */
record JdbcPosition(String updatedAt, String id) {

    /** Position key: the updated column's value of the last record returned. */
    static final String UPDATED_AT = "updatedAt";
    /** Position key: the id of the last record returned. */
    static final String ID = "id";

    JdbcPosition {
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(id, "id");
    }

    /**
     * Reads a stored position; null for {@link SourcePosition#START}.
     *
     * @throws PermanentException {@code JDBC_POSITION_INVALID} when the position is not one this connector wrote
     */
    static JdbcPosition of(String instanceName, SourcePosition position) {
        if (position.isStart()) {
            return null;
        }
        String updatedAt = position.get(UPDATED_AT);
        String id = position.get(ID);
        if (updatedAt == null || id == null || position.values().size() != 2) {
            throw invalid(instanceName, "needs exactly the keys " + UPDATED_AT + " and " + ID + ", got keys "
                    + position.values().keySet());
        }
        return new JdbcPosition(updatedAt, id);
    }

    static PermanentException invalid(String instanceName, String why) {
        return new PermanentException("JDBC_POSITION_INVALID", "jdbc connector '" + instanceName
                + "': the stored position " + why);
    }

    SourcePosition toSourcePosition() {
        return SourcePosition.of(UPDATED_AT, updatedAt, ID, id);
    }
}
