package io.aihub.simulators.crm.salesforce;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code POST /services/oauth2/token} with the client credentials flow or the JWT bearer flow. Client
 * credentials tokens are issued to the org's integration user, with {@code signature} =
 * Base64(HMAC-SHA256(id + issued_at, client secret)) as in Salesforce; JWT bearer tokens are issued to the
 * user the assertion's {@code sub} names, once {@link JwtBearerVerifier} accepts it.
 */
final class OAuthTokenHandler {

    private final String clientId;
    private final byte[] clientSecret;
    private final String identityPath;
    private final String userId;
    private final AccessTokenStore tokens;
    private final Clock clock;
    private final Supplier<String> baseUrl;
    private final JwtBearerVerifier jwtBearer;
    private final String orgId;

    OAuthTokenHandler(String clientId, String clientSecret, String orgId, String userId, AccessTokenStore tokens,
            Clock clock, Supplier<String> baseUrl, JwtBearerVerifier jwtBearer) {
        this.clientId = clientId;
        this.clientSecret = clientSecret.getBytes(StandardCharsets.UTF_8);
        this.orgId = orgId;
        this.identityPath = "/id/" + orgId + "/" + userId;
        this.jwtBearer = jwtBearer;
        this.userId = userId;
        this.tokens = tokens;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    SimResponse handle(SimRequest request) {
        if (!request.method().equals("POST")) {
            return new OAuthRefusal("invalid_request", "must use HTTP POST").toResponse();
        }
        Map<String, String> params = new LinkedHashMap<>(request.queryParams());
        FormEncoding.decode(new String(request.body(), StandardCharsets.UTF_8)).forEach(params::putIfAbsent);
        if (JwtBearerVerifier.GRANT_TYPE.equals(params.get("grant_type"))) {
            return jwtBearer(params.get("assertion"));
        }
        if (!"client_credentials".equals(params.get("grant_type"))) {
            return new OAuthRefusal("unsupported_grant_type", "grant type not supported").toResponse();
        }
        byte[] secret = params.getOrDefault("client_secret", "").getBytes(StandardCharsets.UTF_8);
        boolean secretMatches = MessageDigest.isEqual(secret, clientSecret);
        if (!clientId.equals(params.get("client_id")) || !secretMatches) {
            return new OAuthRefusal("invalid_client", "invalid client credentials").toResponse();
        }
        Instant now = clock.instant();
        String issuedAt = Long.toString(now.toEpochMilli());
        String base = baseUrl.get();
        String id = base + identityPath;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue(userId, now));
        body.put("signature", sign(id + issuedAt));
        body.put("instance_url", base);
        body.put("id", id);
        body.put("token_type", "Bearer");
        body.put("issued_at", issuedAt);
        return SimResponse.json(200, body);
    }

    private SimResponse jwtBearer(String assertion) {
        String user;
        try {
            user = jwtBearer.verify(assertion);
        } catch (OAuthRefusal e) {
            return e.toResponse();
        }
        String base = baseUrl.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", tokens.issue(user, clock.instant()));
        body.put("scope", "api");
        body.put("instance_url", base);
        body.put("id", base + "/id/" + orgId + "/" + user);
        body.put("token_type", "Bearer");
        return SimResponse.json(200, body);
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(clientSecret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
