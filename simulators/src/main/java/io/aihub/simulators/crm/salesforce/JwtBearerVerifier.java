package io.aihub.simulators.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks an OAuth 2.0 JWT bearer assertion ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer})
 * as a connected app with an uploaded certificate does, and answers with Salesforce's errors:
 * a malformed assertion or a wrong RS256 signature is {@code invalid_grant} "invalid assertion", an unknown
 * {@code iss} is {@code invalid_client_id}, a wrong {@code aud} is {@code invalid_grant} "audience is
 * invalid", a past {@code exp} is {@code invalid_grant} "expired authorization code", and a {@code sub} that
 * is not a pre-authorized user is {@code invalid_grant} "user hasn't approved this consumer".
 */
final class JwtBearerVerifier {

    /** The grant type of the JWT bearer flow. */
    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private static final int MAX_ASSERTION_CHARS = 16_384;

    private final PublicKey certificateKey;
    private final String clientId;
    private final Set<String> audiences;
    private final Map<String, String> userIdByUsername;
    private final Clock clock;

    /**
     * @param certificateKey   the public key of the connected app's certificate; null when none was uploaded
     * @param clientId         the consumer key the {@code iss} claim must name
     * @param audiences        the {@code aud} values accepted
     * @param userIdByUsername the pre-authorized users: username to user id
     * @param clock            the time {@code exp} is checked against
     */
    JwtBearerVerifier(PublicKey certificateKey, String clientId, Set<String> audiences,
            Map<String, String> userIdByUsername, Clock clock) {
        this.certificateKey = certificateKey;
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.audiences = Set.copyOf(audiences);
        this.userIdByUsername = Map.copyOf(userIdByUsername);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The id of the user the assertion is for.
     *
     * @throws OAuthRefusal with Salesforce's error when the assertion is not acceptable
     */
    String verify(String assertion) {
        if (assertion == null || assertion.length() > MAX_ASSERTION_CHARS || certificateKey == null) {
            throw OAuthRefusal.invalidGrant("invalid assertion");
        }
        String[] parts = assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw OAuthRefusal.invalidGrant("invalid assertion");
        }
        JsonNode header = decodeJson(parts[0]);
        if (!"RS256".equals(header.path("alg").asText()) || !signatureHolds(parts)) {
            throw OAuthRefusal.invalidGrant("invalid assertion");
        }
        JsonNode claims = decodeJson(parts[1]);
        if (!clientId.equals(claims.path("iss").asText())) {
            throw new OAuthRefusal("invalid_client_id", "client identifier invalid");
        }
        if (!audiences.contains(claims.path("aud").asText())) {
            throw OAuthRefusal.invalidGrant("audience is invalid");
        }
        JsonNode exp = claims.path("exp");
        if (!exp.canConvertToLong()) {
            throw OAuthRefusal.invalidGrant("invalid assertion");
        }
        if (exp.asLong() <= clock.instant().getEpochSecond()) {
            throw OAuthRefusal.invalidGrant("expired authorization code");
        }
        String userId = userIdByUsername.get(claims.path("sub").asText());
        if (userId == null) {
            throw OAuthRefusal.invalidGrant("user hasn't approved this consumer");
        }
        return userId;
    }

    private boolean signatureHolds(String[] parts) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificateKey);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static JsonNode decodeJson(String part) {
        try {
            JsonNode node = SalesforceJson.MAPPER.readTree(Base64.getUrlDecoder().decode(part));
            if (node == null || !node.isObject()) {
                throw OAuthRefusal.invalidGrant("invalid assertion");
            }
            return node;
        } catch (IllegalArgumentException | IOException e) {
            throw OAuthRefusal.invalidGrant("invalid assertion");
        }
    }
}
