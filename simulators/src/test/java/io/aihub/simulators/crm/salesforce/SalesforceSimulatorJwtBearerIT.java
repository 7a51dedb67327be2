package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceSimulatorJwtBearerIT {

    private static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static KeyPair registered;
    private static KeyPair other;
    private static SalesforceSimulator sim;
    private static SalesforceHttp http;

    @BeforeAll
    static void startOrgWithARegisteredKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        registered = generator.generateKeyPair();
        other = generator.generateKeyPair();
        sim = SalesforceSimulator.builder().accounts(10).jwtCertificate(registered.getPublic()).build();
        sim.start();
        http = new SalesforceHttp(sim.baseUrl());
    }

    @AfterAll
    static void stopOrg() {
        sim.close();
    }

    private static String assertion(PrivateKey key, String iss, String sub, String aud, long exp)
            throws GeneralSecurityException {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":" + exp + "}";
        String input = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + b64.encodeToString(signer.sign());
    }

    private static String valid(PrivateKey key) throws GeneralSecurityException {
        return assertion(key, "aihub-demo", SalesforceSimulator.INTEGRATION_USERNAME,
                SalesforceSimulator.DEFAULT_JWT_AUDIENCE, inSeconds(180));
    }

    private static long inSeconds(long seconds) {
        return Instant.now().getEpochSecond() + seconds;
    }

    private static SalesforceHttp.Reply present(String assertion) {
        return http.tokenRequest("grant_type=" + SalesforceHttp.encode(GRANT) + "&assertion="
                + SalesforceHttp.encode(assertion));
    }

    @Test
    void shouldIssueATokenForTheIntegrationUserWhenTheAssertionIsSignedWithTheRegisteredKey() throws Exception {
        SalesforceHttp.Reply reply = present(valid(registered.getPrivate()));

        JsonNode body = reply.body();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(body.get("id").asText()).isEqualTo(sim.baseUrl() + "/id/" + SalesforceSimulator.ORG_ID + "/"
                + SalesforceSimulator.INTEGRATION_USER_ID);
        assertThat(body.get("instance_url").asText()).isEqualTo(sim.baseUrl());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(http.query(body.get("access_token").asText(), "SELECT Id FROM Account", null).status())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseBadAssertionsWithSalesforcesErrors() throws Exception {
        PrivateKey key = registered.getPrivate();
        String user = SalesforceSimulator.INTEGRATION_USERNAME;
        String aud = SalesforceSimulator.DEFAULT_JWT_AUDIENCE;

        assertRefused(present(valid(other.getPrivate())), "invalid_grant", "invalid assertion");
        assertRefused(present("not.a-jwt"), "invalid_grant", "invalid assertion");
        assertRefused(present(assertion(key, "someone-else", user, aud, inSeconds(180))), "invalid_client_id",
                "client identifier invalid");
        assertRefused(present(assertion(key, "aihub-demo", user, "https://test.salesforce.com", inSeconds(180))),
                "invalid_grant", "audience is invalid");
        assertRefused(present(assertion(key, "aihub-demo", user, aud, inSeconds(-60))), "invalid_grant",
                "expired authorization code");
        assertRefused(present(assertion(key, "aihub-demo", "nobody@aihub.example", aud, inSeconds(180))),
                "invalid_grant", "user hasn't approved this consumer");
    }

    @Test
    void shouldRefuseEveryAssertionWhenNoCertificateWasRegistered() throws Exception {
        try (SalesforceSimulator bare = SalesforceSimulator.builder().accounts(1).build()) {
            bare.start();
            SalesforceHttp.Reply reply = new SalesforceHttp(bare.baseUrl()).tokenRequest("grant_type="
                    + SalesforceHttp.encode(GRANT) + "&assertion=" + valid(registered.getPrivate()));

            assertRefused(reply, "invalid_grant", "invalid assertion");
        }
    }

    private static void assertRefused(SalesforceHttp.Reply reply, String error, String description) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("error").asText()).isEqualTo(error);
        assertThat(reply.body().get("error_description").asText()).isEqualTo(description);
    }
}
