package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Configured names become quoted SQL identifiers, or are refused. */
class SqlIdentifierTest {

    @Test
    void plainNamesShouldBeFoldedTheDatabasesWayAndQuoted() {
        SqlIdentifier name = SqlIdentifier.parse(" updated_at ");

        assertThat(name.sql(IdentifierFolding.LOWER)).isEqualTo("\"updated_at\"");
        assertThat(name.sql(IdentifierFolding.UPPER)).isEqualTo("\"UPDATED_AT\"");
        assertThat(SqlIdentifier.parse("Updated_At").sql(IdentifierFolding.AS_WRITTEN)).isEqualTo("\"Updated_At\"");
    }

    @Test
    void quotedNamesShouldKeepTheirCase() {
        SqlIdentifier name = SqlIdentifier.parse("\"Customer Master\"");

        assertThat(name.sql(IdentifierFolding.LOWER)).isEqualTo("\"Customer Master\"");
        assertThat(name.sql(IdentifierFolding.UPPER)).isEqualTo("\"Customer Master\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1st", "a;b", "a b", "a\"b", "\"a\"\"b\"", "\"\"", "\"a", "name--", "x)", "a.b",
        "\"x\";DROP TABLE t;--", "`a`", "[a]"})
    void anythingElseShouldBeRefused(String text) {
        assertThat(SqlIdentifier.isValid(text)).isFalse();
    }

    @Test
    void tableNamesMayBeSchemaQualified() {
        assertThat(SqlTableName.parse("erp.customers").sql(IdentifierFolding.LOWER))
                .isEqualTo("\"erp\".\"customers\"");
        assertThat(SqlTableName.parse("\"ERP\".customers").sql(IdentifierFolding.LOWER))
                .isEqualTo("\"ERP\".\"customers\"");
        assertThatThrownBy(() -> SqlTableName.parse("db.erp.customers")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlTableName.parse("erp.")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSelectedColumnMayNameItsField() {
        assertThat(SelectedColumn.parse("plan AS Plan__c"))
                .isEqualTo(new SelectedColumn(SqlIdentifier.parse("plan"), "Plan__c"));
        assertThat(SelectedColumn.parse("\"Net Revenue\" as revenue").column().name()).isEqualTo("Net Revenue");
        assertThat(SelectedColumn.parse("nps").field()).isEqualTo("nps");
        assertThatThrownBy(() -> SelectedColumn.parse("plan AS Plan-c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SelectedColumn.parse("plan; DROP TABLE x AS y"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
