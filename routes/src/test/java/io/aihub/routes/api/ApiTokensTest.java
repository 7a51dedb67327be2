package io.aihub.routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    private static final String VIEWER = "viewer-token-1234567890";
    private static final String OPS = "ops-token-0987654321";

    private final ApiTokens tokens = ApiTokens.from(Map.of(
            "viewer.hash", TokenHash.sha256(VIEWER),
            "viewer.role", "read-only",
            "ops.hash", TokenHash.pbkdf2(OPS, TokenHash.MIN_ITERATIONS, new SecureRandom()),
            "ops.role", "operator"));

    @Test
    void shouldNameTheOwnerAndRoleOfAKnownToken() {
        assertThat(tokens.authenticate(VIEWER)).contains(new ApiTokens.Principal("viewer", ApiRole.READ_ONLY));
        assertThat(tokens.authenticate(OPS)).contains(new ApiTokens.Principal("ops", ApiRole.OPERATOR));
        // a second check of the PBKDF2 token is answered from the in-memory cache, with the same answer
        assertThat(tokens.authenticate(OPS)).contains(new ApiTokens.Principal("ops", ApiRole.OPERATOR));
        assertThat(tokens.names()).containsExactlyInAnyOrder("viewer", "ops");
    }

    @Test
    void shouldRefuseMissingEmptyUnknownAndHugeTokens() {
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(tokens.authenticate(VIEWER + "x")).isEmpty();
        assertThat(tokens.authenticate(TokenHash.sha256(VIEWER))).as("the hash is not the token").isEmpty();
        assertThat(tokens.authenticate("x".repeat(100_000))).isEmpty();
    }

    @Test
    void shouldLetOperatorsDoEverythingAndReadOnlyTokensOnlyRead() {
        assertThat(ApiRole.OPERATOR.allows(ApiRole.OPERATOR)).isTrue();
        assertThat(ApiRole.OPERATOR.allows(ApiRole.READ_ONLY)).isTrue();
        assertThat(ApiRole.READ_ONLY.allows(ApiRole.READ_ONLY)).isTrue();
        assertThat(ApiRole.READ_ONLY.allows(ApiRole.OPERATOR)).isFalse();
    }

    @Test
    void shouldReportEveryConfigurationProblemAtOnceWithoutRepeatingValues() {
        assertThatThrownBy(() -> ApiTokens.from(Map.of(
                "a.token", "plain-secret-value",
                "b.hash", "plain-secret-value-2",
                "b.role", "admin",
                "c.role", "operator",
                "bad name.hash", TokenHash.sha256("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aihub.api.token.a.token is not a setting")
                .hasMessageContaining("aihub.api.token.b.hash: a token hash must start with")
                .hasMessageContaining("aihub.api.token.b.role: role must be read-only or operator")
                .hasMessageContaining("aihub.api.token.c.hash is not set")
                .hasMessageContaining("aihub.api.token.bad name.hash: a token name is")
                .hasMessageNotContaining("plain-secret-value");
    }

    @Test
    void shouldAcceptNoTokensAndThenRefuseEverything() {
        ApiTokens none = ApiTokens.from(Map.of());
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.authenticate(VIEWER)).isEmpty();
    }
}
