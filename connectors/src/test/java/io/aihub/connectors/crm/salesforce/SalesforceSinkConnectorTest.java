package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.error.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceSinkConnectorTest {

    private final SalesforceSinkConnector connector = new SalesforceSinkConnector();

    @Test
    void shouldDeclareTheConnectionKeysAndTheAllowList() {
        assertThat(connector.type()).isEqualTo("salesforce");
        assertThat(connector.config().keys()).extracting(ConfigKey::name).containsExactlyInAnyOrder("loginUrl",
                "clientId", "clientSecret", "apiVersion", "entity", "allowedFields", "connectTimeout",
                "requestTimeout", "authFlow", "username", "keystorePath", "keystorePassword", "keyAlias", "audience",
                "jwtLifetime");
    }

    @Test
    void shouldReportEveryConfigurationProblemAtOnceWithoutTheSecret() {
        Map<String, String> config = new HashMap<>();
        config.put("clientSecret", "s3cr3t-value");
        config.put("requestTimeout", "0s");

        assertThatThrownBy(() -> connector.createTask("crm-out", config))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(4);
                    assertThat(String.join("\n", e.problems())).contains("'loginUrl'", "'clientId'",
                            "'allowedFields'", "'requestTimeout' must be positive");
                    assertThat(e.getMessage()).contains("salesforce sink 'crm-out'").doesNotContain("s3cr3t-value");
                });
    }

    @Test
    void shouldNeverPrintTheSecretInSettings() {
        SalesforceConnectionSettings settings = SalesforceTestConfigs.settings("http://127.0.0.1:9", "s3cr3t-value");

        assertThat(settings.toString()).contains("clientSecret=****").doesNotContain("s3cr3t-value");
    }
}
