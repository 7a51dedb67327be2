package io.aihub.connectors.erp.jdbc;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of the source's {@code columns} list: a column, and the field name it gets in the records
 * ({@code plan AS Plan__c}); without {@code AS} the field is named like the column as written. The field name
 * never goes into SQL: values are read by position.
 *
 * @param column the column
 * @param field  the record field name
 */
record SelectedColumn(SqlIdentifier column, String field) {

    private static final Pattern WITH_ALIAS = Pattern.compile("(.+?)\\s+(?i:as)\\s+([A-Za-z_][A-Za-z0-9_]{0,127})");

    SelectedColumn {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(field, "field");
    }

    /**
     * Parses {@code column} or {@code column AS field}.
     *
     * @throws IllegalArgumentException when the column is not an identifier or the field name is malformed
     */
    static SelectedColumn parse(String text) {
        Matcher m = WITH_ALIAS.matcher(text.strip());
        if (m.matches()) {
            return new SelectedColumn(SqlIdentifier.parse(m.group(1)), m.group(2));
        }
        SqlIdentifier column = SqlIdentifier.parse(text);
        return new SelectedColumn(column, column.name());
    }
}
