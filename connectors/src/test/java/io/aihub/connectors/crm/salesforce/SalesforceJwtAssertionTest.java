package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceJwtAssertionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static KeyPair keys;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    private static SalesforceJwtAssertion assertion(Instant now) {
        return new SalesforceJwtAssertion("3MVG9-consumer-key", "integration@aihub.example",
                "https://test.salesforce.com", Duration.ofMinutes(3), keys.getPrivate(),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    private static JsonNode json(String base64url) throws Exception {
        return SalesforceJson.MAPPER.readTree(Base64.getUrlDecoder().decode(base64url));
    }

    @Test
    void shouldSignHeaderAndClaimsWithRs256OverTheirBase64urlForm() throws Exception {
        String jwt = assertion(NOW).create();

        String[] parts = jwt.split("\\.", -1);
        assertThat(parts).hasSize(3);
        assertThat(jwt).doesNotContain("=", "+", "/");
        assertThat(json(parts[0]).toString()).isEqualTo("{\"alg\":\"RS256\"}");
        JsonNode claims = json(parts[1]);
        assertThat(claims.get("iss").asText()).isEqualTo("3MVG9-consumer-key");
        assertThat(claims.get("sub").asText()).isEqualTo("integration@aihub.example");
        assertThat(claims.get("aud").asText()).isEqualTo("https://test.salesforce.com");
        assertThat(claims.get("exp").isIntegralNumber()).isTrue();
        assertThat(claims.get("exp").asLong()).isEqualTo(NOW.plusSeconds(180).getEpochSecond());
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void shouldExpireEachAssertionTheLifetimeAfterItWasMade() throws Exception {
        String later = assertion(NOW.plusSeconds(3600)).create();

        assertThat(json(later.split("\\.")[1]).get("exp").asLong())
                .isEqualTo(NOW.plusSeconds(3600 + 180).getEpochSecond());
    }
}
