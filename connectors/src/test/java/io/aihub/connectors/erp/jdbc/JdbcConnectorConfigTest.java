package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.error.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration is validated as a whole before any connection is made. */
class JdbcConnectorConfigTest {

    @Test
    void everyProblemShouldBeReportedAtOnceWithoutThePassword() {
        Map<String, String> config = Map.of(JdbcConnectionSettings.URL, "postgresql://db/erp",
                JdbcConnectionSettings.PASSWORD, "s3cret-value",
                JdbcConnectionSettings.TABLE, "erp.customers; --",
                JdbcConnectionSettings.ID_COLUMN, "id)",
                JdbcConnectionSettings.QUERY_TIMEOUT, "10ms",
                JdbcSourceConnector.COLUMNS, "name, plan AS",
                JdbcSourceConnector.BATCH_SIZE, "20000",
                JdbcSourceConnector.LAG, "soon",
                "fields", "name");

        assertThatThrownBy(() -> new JdbcSourceConnector().createTask("erp", config))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(9);
                    assertThat(e.getMessage()).contains("'url'", "'user'", "'table'", "'idColumn'", "'queryTimeout'",
                            "'columns'", "'batchSize'", "'lag'", "'fields'").doesNotContain("s3cret-value");
                });
    }

    @Test
    void twoColumnsShouldNotGiveTheSameFieldName() {
        Map<String, String> config = Map.of(JdbcConnectionSettings.URL, "jdbc:h2:mem:x",
                JdbcConnectionSettings.USER, "sa", JdbcConnectionSettings.TABLE, "customers",
                JdbcSourceConnector.COLUMNS, "name, display_name AS name");

        assertThatThrownBy(() -> new JdbcSourceConnector().createTask("erp", config))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("'name' twice"));
    }

    @Test
    void settingsShouldNeverPrintThePasswordOrUrlParameters() {
        JdbcSourceTask task = new JdbcSourceConnector().createTask("erp", Map.of(
                JdbcConnectionSettings.URL, "jdbc:postgresql://db/erp?sslpassword=abc",
                JdbcConnectionSettings.USER, "aihub", JdbcConnectionSettings.PASSWORD, "s3cret-value",
                JdbcConnectionSettings.TABLE, "customers", JdbcSourceConnector.COLUMNS, "name"));
        task.stop();
        JdbcConnectionSettings settings = JdbcConnectionSettings.from("erp", JdbcConnectionSettings
                .defineConnectionKeys(new ConfigDef()).parse("test", Map.of(
                        JdbcConnectionSettings.URL, "jdbc:postgresql://db/erp?sslpassword=abc",
                        JdbcConnectionSettings.USER, "aihub", JdbcConnectionSettings.PASSWORD, "s3cret-value",
                        JdbcConnectionSettings.TABLE, "customers")));

        assertThat(settings.toString()).doesNotContain("s3cret-value").doesNotContain("abc");
        assertThat(settings.entity()).isEqualTo("customers");
    }
}
