package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.routes.HubApplication;
import io.aihub.routes.config.CamelPropertySource;
import io.aihub.routes.config.HubSettings;
import io.aihub.routes.config.SecretsFile;
import io.aihub.routes.privacy.FieldProtection;
import io.aihub.routes.privacy.SensitiveFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in docs/security.md do what the page says. */
class SecurityDocExamplesTest {

    private static final String PAGE = "security.md";

    @TempDir
    Path dir;

    @Test
    void secretsFileExampleShouldFeedTheCredentialsItNames() throws Exception {
        Path file = dir.resolve("secrets.properties");
        Files.writeString(file, DocExamples.blocks(PAGE, "properties").get(0), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(HubApplication.propertyLocations(Optional.empty(),
                    SecretsFile.locate(Map.of(SecretsFile.KEY, file.toString()), Optional.empty(), Map.of())));
            Properties overrides = new Properties();
            overrides.setProperty("aihub.route.crm-account-churn.sensitive", "Email__c:hash");
            context.getPropertiesComponent().setOverrideProperties(overrides);
            HubSettings settings = HubSettings.from(new CamelPropertySource(context, Map.of()));

            assertThat(settings.connectors().get("crm"))
                    .containsEntry("clientSecret", "3MVG9-client-secret-from-the-connected-app");
            assertThat(settings.dbPassword()).isEqualTo("a-long-database-password");
            assertThat(settings.brokerPassword()).isEqualTo("a-long-broker-password");
            assertThat(settings.modelSecrets().secret("AIHUB_OPENAI_API_KEY")).isEqualTo("sk-the-model-api-key");
            assertThat(settings.sensitiveFieldsOf("crm-account-churn").isEmpty()).as("hash key found").isFalse();
        }
    }

    @Test
    void sensitiveFieldsExampleAndItsHashShouldMatchWhatTheHubComputes() throws Exception {
        Properties route = new Properties();
        route.load(new java.io.StringReader(DocExamples.blocks(PAGE, "properties").get(1)));
        SensitiveFields configured = SensitiveFields.parse("doc", route.getProperty(
                "aihub.route.crm-account-churn.sensitive"), Optional.of("example-hash-key-change-me-0001"));
        assertThat(configured.protections()).containsExactly(Map.entry("Email__c", FieldProtection.HASH),
                Map.entry("Phone", FieldProtection.MASK), Map.entry("Notes", FieldProtection.DROP));

        String page = Files.readString(Path.of("..", "docs", PAGE), StandardCharsets.UTF_8);
        assertThat(page).contains("with the key `example-hash-key-change-me-0001`",
                "`jane.doe@example.com` becomes");
        JsonNode shown = new ObjectMapper().readTree(DocExamples.blocks(PAGE, "json").get(0));
        Map<String, Object> computed = configured.protect(Map.of("Email__c", "jane.doe@example.com",
                "Phone", "+44 20 7946 0123", "Notes", "called twice"));
        assertThat(computed).containsOnlyKeys("Email__c", "Phone");
        assertThat(shown.get("Email__c").asText()).isEqualTo(computed.get("Email__c"));
        assertThat(shown.get("Phone").asText()).isEqualTo(computed.get("Phone"));
    }
}
