package io.aihub.connectors.erp.jdbc;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** How a database stores unquoted identifiers: PostgreSQL folds them to lower case, H2 by default to upper. */
enum IdentifierFolding {
    LOWER,
    UPPER,
    AS_WRITTEN;

    /** Asks the driver. */
    static IdentifierFolding of(DatabaseMetaData metaData) throws SQLException {
        if (metaData.storesLowerCaseIdentifiers()) {
            return LOWER;
        }
        if (metaData.storesUpperCaseIdentifiers()) {
            return UPPER;
        }
        return AS_WRITTEN;
    }

    String fold(String name) {
        return switch (this) {
            case LOWER -> name.toLowerCase(Locale.ROOT);
            case UPPER -> name.toUpperCase(Locale.ROOT);
            case AS_WRITTEN -> name;
        };
    }
}
