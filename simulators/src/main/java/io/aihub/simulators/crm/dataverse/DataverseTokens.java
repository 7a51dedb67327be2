package io.aihub.simulators.crm.dataverse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Entra ID token endpoint of the simulator ({@code POST /<tenant>/oauth2/v2.0/token}, client credentials
 * grant only) and the check of bearer tokens on data calls. Tokens expire {@code ttl} after issue on the
 * simulator's clock, or when revoked.
 */
final class DataverseTokens {

    private final Map<String, Instant> issuedAt = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong issued = new AtomicLong();
    private final String clientId;
    private final String clientSecret;
    private final Duration ttl;
    private final DataverseClock clock;

    DataverseTokens(String clientId, String clientSecret, Duration ttl, DataverseClock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Answers a token request for the organization at {@code orgUrl}. */
    DataverseResponse token(String method, byte[] body, String orgUrl) {
        if (!method.equals("POST")) {
            return oauthError(405, "invalid_request", "AADSTS900561: The endpoint only accepts POST requests.");
        }
        Map<String, String> form = decodeForm(new String(body, StandardCharsets.UTF_8));
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "AADSTS70003: The app requested an unsupported grant"
                    + " type.");
        }
        if (!clientId.equals(form.get("client_id"))) {
            return oauthError(400, "unauthorized_client", "AADSTS700016: Application was not found in the directory.");
        }
        if (!clientSecret.equals(form.get("client_secret"))) {
            return oauthError(401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
        }
        if (!(orgUrl + "/.default").equals(form.get("scope"))) {
            return oauthError(400, "invalid_scope", "AADSTS70011: The provided value for the input parameter"
                    + " 'scope' is not valid.");
        }
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = "eyJ0eXAiOiJKV1QifQ." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        issuedAt.put(token, clock.now());
        issued.incrementAndGet();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", ttl.toSeconds());
        answer.put("ext_expires_in", ttl.toSeconds());
        answer.put("access_token", token);
        return DataverseResponse.json(200, answer);
    }

    /** Whether an {@code Authorization} header holds a token that is issued, not revoked and not expired. */
    boolean valid(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).trim();
        Instant at = issuedAt.get(token);
        if (at == null) {
            return false;
        }
        if (!clock.now().isBefore(at.plus(ttl))) {
            issuedAt.remove(token);
            return false;
        }
        return true;
    }


    void revokeAll() {
        issuedAt.clear();
    }

    long issuedCount() {
        return issued.get();
    }

    private static DataverseResponse oauthError(int status, String error, String description) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", error);
        answer.put("error_description", description);
        answer.put("error_codes", new int[] {Integer.parseInt(description.substring(5, description.indexOf(':')))});
        return DataverseResponse.json(status, answer);
    }

    private static Map<String, String> decodeForm(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
