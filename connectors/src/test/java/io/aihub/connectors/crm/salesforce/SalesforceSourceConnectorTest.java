package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
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
                "batchSize", "connectTimeout", "requestTimeout", "excludeOwnWrites", "includeDeleted", "quotaReserve",
                "authFlow", "username", "keystorePath", "keystorePassword", "keyAlias", "audience", "jwtLifetime",
                "maxNestingDepth", "maxFieldBytes", "maxRecordBytes");
        assertThat(keys.get("apiVersion").defaultValue()).isEqualTo("v62.0");
        assertThat(keys.get("entity").defaultValue()).isEqualTo("Account");
        assertThat(keys.get("batchSize").defaultValue()).isEqualTo("200");
        assertThat(keys.get("excludeOwnWrites").defaultValue()).isEqualTo("true");
        assertThat(keys.get("includeDeleted").defaultValue()).isEqualTo("false");
        assertThat(keys.get("quotaReserve").defaultValue()).isEqualTo("10");
        assertThat(keys.get("maxNestingDepth").defaultValue()).isEqualTo("64");
        assertThat(keys.get("maxFieldBytes").defaultValue()).isEqualTo("1048576");
        assertThat(keys.get("maxRecordBytes").defaultValue()).isEqualTo("4194304");
        assertThat(keys.get("authFlow").defaultValue()).isEqualTo("client-credentials");
        assertThat(keys.get("audience").defaultValue()).isEqualTo("https://login.salesforce.com");
        assertThat(keys.get("jwtLifetime").defaultValue()).isEqualTo("3m");
        assertThat(keys.get("keystorePassword").type()).isEqualTo(ConfigType.PASSWORD);
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
    void shouldRequireTheKeysOfTheChosenLoginFlowAlongsideEveryOtherProblem() {
        Map<String, String> jwt = SalesforceTestConfigs.connection("http://127.0.0.1:9");
        jwt.remove("clientSecret");
        jwt.put("fields", "Name");
        jwt.put("authFlow", "jwt-bearer");
        jwt.put("keystorePassword", "s3cr3t-pw");
        jwt.put("jwtLifetime", "10m");
        jwt.put("quotaReserve", "101");
        Map<String, String> clientCredentials = SalesforceTestConfigs.connection("http://127.0.0.1:9");
        clientCredentials.remove("clientSecret");
        clientCredentials.put("fields", "Name");

        assertThatThrownBy(() -> connector.createTask("crm", jwt)).isInstanceOfSatisfying(ConfigException.class,
                e -> {
                    assertThat(e.problems()).hasSize(5);
                    assertThat(String.join("\n", e.problems())).contains("'jwtLifetime' must be at most 3m",
                            "'quotaReserve'", "'username': required with authFlow jwt-bearer", "'keystorePath'",
                            "'keyAlias'");
                    assertThat(e.getMessage()).doesNotContain("s3cr3t-pw");
                });
        assertThatThrownBy(() -> connector.createTask("crm", clientCredentials))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("'clientSecret': required with authFlow client-credentials"));
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
