package io.aihub.simulators.crm.salesforce;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Issues and checks OAuth access tokens; a token is valid until it is older than the TTL or revoked. */
final class AccessTokenStore {

    private record Grant(String userId, Instant issuedAt) {
    }

    private final Map<String, Grant> grants = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Duration ttl;
    private final Clock clock;
    private final String orgId15;

    AccessTokenStore(Duration ttl, Clock clock, String orgId) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.orgId15 = orgId.substring(0, 15);
    }

    /** Issues a token for {@code userId}, shaped like Salesforce's: {@code <org id>!<opaque>}. */
    String issue(String userId, Instant issuedAt) {
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        String token = orgId15 + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        grants.put(token, new Grant(userId, issuedAt));
        return token;
    }

    /** The user a valid token was issued to; empty when unknown, revoked or expired. */
    Optional<String> userFor(String token) {
        Grant grant = token == null ? null : grants.get(token);
        if (grant == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(grant.issuedAt().plus(ttl))) {
            grants.remove(token);
            return Optional.empty();
        }
        return Optional.of(grant.userId());
    }

    /** Revokes every issued token. */
    void revokeAll() {
        grants.clear();
    }
}
