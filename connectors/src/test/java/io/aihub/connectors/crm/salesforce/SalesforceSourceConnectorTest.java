package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.error.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSourceConnectorTest {

    private final SalesforceSourceConnector connector = new SalesforceSourceConnector();

    @Test
    void shouldDeclareEveryKeyOnceWithDocsAndDefaults() {
        Map<String, ConfigKey> keys = new HashMap<>();
        connector.config().keys().forEach(k -> keys.put(k.name(), k));

        assertThat(connector.type()).isEqualTo("salesforce");
        assertThat(keys).containsOnlyKeys("loginUrl", "clientId", "clientSecret", "apiVersion", "entity", "fields",
                "batchSize", "connectTimeout", "requestTimeout", "excludeOwnWrites");
        assertThat(keys.get("apiVersion").defaultValue()).isEqualTo("v62.0");
        assertThat(keys.get("entity").defaultValue()).isEqualTo("Account");
        assertThat(keys.get("batchSize").defaultValue()).isEqualTo("200");
        assertThat(keys.get("excludeOwnWrites").defaultValue()).isEqualTo("true");
        assertThat(keys.get("loginUrl").required()).isTrue();
        assertThat(keys.get("fields").required()).isTrue();
        assertThat(keys.values()).allSatisfy(k -> assertThat(k.doc()).isNotBlank());
    }

    @Test
    void shouldReportEveryConfigurationProblemAtOnceWithoutTheSecret() {
        Map<String, String> config = new HashMap<>();
        config.put("loginUrl", "ftp://login.example.com");
        config.put("clientSecret", "s3cr3t-value");
        config.put("fields", "Name, Bad Field");
        config.put("batchSize", "50");
        config.put("connectTimeout", "soon");
        config.put("apiVersion", "62");
        config.put("entity", "Account; DELETE");
        config.put("excludeOwnWrite", "true");

        assertThatThrownBy(() -> connector.createTask("crm", config))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.code()).isEqualTo("CONFIG_INVALID");
                    assertThat(e.problems()).hasSize(8);
                    assertThat(String.join("\n", e.problems())).contains("'loginUrl'", "'clientId'", "'fields'",
                            "'batchSize'", "'connectTimeout'", "'apiVersion'", "'entity'", "'excludeOwnWrite'");
                    assertThat(e.getMessage()).contains("salesforce source 'crm'").doesNotContain("s3cr3t-value");
                });
    }

    @Test
    void shouldCreateATaskFromAValidConfigurationWithoutCallingSalesforce() {
        Map<String, String> config = SalesforceTestConfigs.connection("http://127.0.0.1:9");
        config.put("fields", "Name");

        try (SalesforceSourceTask task = connector.createTask("crm", config)) {
            assertThat(task.apiUsage()).isEmpty();
        }
    }
}
