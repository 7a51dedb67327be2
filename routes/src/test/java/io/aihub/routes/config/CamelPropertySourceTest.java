package io.aihub.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class CamelPropertySourceTest {

    @Test
    void environmentVariableShouldOverrideThePropertiesFile() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties props = new Properties();
            props.setProperty("aihub.db.password", "from-file");
            props.setProperty("aihub.connector.crm.clientSecret", "file-secret");
            props.setProperty("aihub.connector.crm.type", "salesforce");
            context.getPropertiesComponent().setInitialProperties(props);
            var source = new CamelPropertySource(context, Map.of("AIHUB_DB_PASSWORD", "from-env",
                    "AIHUB_CONNECTOR_CRM_CLIENTSECRET", "env-secret"));

            assertThat(source.get("aihub.db.password")).contains("from-env");
            assertThat(source.withPrefix("aihub.connector.crm."))
                    .containsEntry("clientSecret", "env-secret")
                    .containsEntry("type", "salesforce");
        }
    }

    @Test
    void environmentNameShouldFollowTheDocumentedRule() {
        assertThat(CamelPropertySource.environmentName("aihub.route.crm-account-churn.subscribers"))
                .isEqualTo("AIHUB_ROUTE_CRM_ACCOUNT_CHURN_SUBSCRIBERS");
    }
}
