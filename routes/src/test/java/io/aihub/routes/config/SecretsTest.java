package io.aihub.routes.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void credentialKeysShouldBeMaskedAndOtherKeysShownAsTheyAre() {
        Map<String, String> masked = Secrets.maskedValues(Map.of("clientSecret", "s1", "keystorePassword", "s2",
                "bearerToken", "s3", "secret", "s4", "previousSecret", "", "tokenUrl", "https://login/token",
                "clientId", "aihub-demo", "salesforce.clientSecret", "s5"));

        assertThat(masked).containsEntry("clientSecret", "****").containsEntry("keystorePassword", "****")
                .containsEntry("bearerToken", "****").containsEntry("secret", "****")
                .containsEntry("salesforce.clientSecret", "****").containsEntry("previousSecret", "")
                .containsEntry("tokenUrl", "https://login/token").containsEntry("clientId", "aihub-demo");
    }
}
