package io.aihub.routes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.routes.HubApplication;
import io.aihub.routes.privacy.FieldProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings read through the hub's property locations with a secrets file, and never printed with secrets. */
class HubSettingsSecretsTest {

    private static final String CLIENT_SECRET = "canary-client-secret-4f1d";
    private static final String DB_PASSWORD = "canary-db-password-77ab";
    private static final String BROKER_PASSWORD = "canary-broker-password-c3e9";
    private static final String MODEL_KEY = "canary-model-api-key-9e02";
    private static final String HASH_KEY = "canary-pii-hash-key-5d1c0000";

    @TempDir
    Path dir;

    private HubSettings load(Map<String, String> overrides, Map<String, String> environment) throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "aihub.connector.crm.clientSecret = " + CLIENT_SECRET + "\n"
                + "aihub.db.password = " + DB_PASSWORD + "\n"
                + "aihub.broker.password = " + BROKER_PASSWORD + "\n"
                + "AIHUB_CANARY_MODEL_KEY = " + MODEL_KEY + "\n"
                + "aihub.pii.hashKey = " + HASH_KEY + "\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-------"));
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(HubApplication.propertyLocations(Optional.empty(),
                    SecretsFile.locate(Map.of(SecretsFile.KEY, secrets.toString()), Optional.empty(), Map.of())));
            Properties props = new Properties();
            props.putAll(overrides);
            context.getPropertiesComponent().setOverrideProperties(props);
            return HubSettings.from(new CamelPropertySource(context, environment));
        }
    }

    @Test
    void secretsFileShouldWinOverTheDefaultsAndFeedModelSecretsAndTheHashKey() throws Exception {
        HubSettings settings = load(Map.of("aihub.broker.user", "hub",
                "aihub.route.crm-account-churn.sensitive", "Email__c:hash,Phone:mask"), Map.of());

        assertThat(settings.connectors().get("crm")).containsEntry("clientSecret", CLIENT_SECRET);
        assertThat(settings.dbPassword()).isEqualTo(DB_PASSWORD);
        assertThat(settings.brokerPassword()).isEqualTo(BROKER_PASSWORD);
        assertThat(settings.modelSecrets().secret("AIHUB_CANARY_MODEL_KEY")).isEqualTo(MODEL_KEY);
        assertThat(settings.modelSecrets().secret("AIHUB_NOT_SET_ANYWHERE")).isNull();
        assertThat(settings.sensitiveFieldsOf("crm-account-churn").protections())
                .containsEntry("Email__c", FieldProtection.HASH).containsEntry("Phone", FieldProtection.MASK);
        assertThat(settings.sensitiveFieldsOf("other-route").isEmpty()).isTrue();
    }

    @Test
    void environmentShouldStillWinOverTheSecretsFile() throws Exception {
        HubSettings settings = load(Map.of(), Map.of("AIHUB_DB_PASSWORD", "from-env-password"));

        assertThat(settings.dbPassword()).isEqualTo("from-env-password");
    }

    @Test
    void toStringShouldShowNoSecret() throws Exception {
        HubSettings settings = load(Map.of("aihub.broker.url", "tcp://hub:" + BROKER_PASSWORD + "@broker:61616",
                "aihub.route.crm-account-churn.sensitive", "Email__c:hash"), Map.of());

        assertThat(settings.toString()).contains("clientSecret=****", "dbPassword=****", "brokerPassword=****",
                "tcp://broker:61616").doesNotContain(CLIENT_SECRET, DB_PASSWORD, BROKER_PASSWORD, HASH_KEY);
    }

    @Test
    void hashingWithoutAKeyShouldStopTheHubAtStart() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Properties props = new Properties();
            props.setProperty("aihub.route.r.sensitive", "Email__c:hash");
            context.getPropertiesComponent().setInitialProperties(props);

            assertThatThrownBy(() -> HubSettings.from(new CamelPropertySource(context, Map.of())))
                    .isInstanceOf(ConfigException.class).hasMessageContaining("aihub.route.r.sensitive")
                    .hasMessageContaining("aihub.pii.hashKey");
        }
    }
}
