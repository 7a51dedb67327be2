package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Builds the signed JWT of the OAuth 2.0 JWT bearer flow: {@code base64url(header).base64url(claims).
 * base64url(RS256 signature)} with header {@code {"alg":"RS256"}} and claims {@code iss} (consumer key),
 * {@code sub} (username), {@code aud} (login audience) and {@code exp} (seconds since the epoch). Each call to
 * {@link #create} makes a fresh assertion, so a re-login never presents an expired one.
 *
 * <p>Thread-safe. The assertion is a credential: it is never logged.
 */
final class SalesforceJwtAssertion {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String clientId;
    private final String username;
    private final String audience;
    private final Duration lifetime;
    private final PrivateKey key;
    private final Clock clock;

    SalesforceJwtAssertion(String clientId, String username, String audience, Duration lifetime, PrivateKey key,
            Clock clock) {
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.username = Objects.requireNonNull(username, "username");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A new signed assertion, valid for the configured lifetime from now. */
    String create() {
        ObjectNode header = SalesforceJson.MAPPER.createObjectNode().put("alg", "RS256");
        ObjectNode claims = SalesforceJson.MAPPER.createObjectNode()
                .put("iss", clientId)
                .put("sub", username)
                .put("aud", audience)
                .put("exp", clock.instant().plus(lifetime).getEpochSecond());
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA signing failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static String encode(ObjectNode json) {
        try {
            return BASE64URL.encodeToString(SalesforceJson.MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JWT part cannot be written as JSON", e);
        }
    }
}
