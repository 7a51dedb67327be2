package io.aihub.routes.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class TokenHashTest {

    @Test
    void shouldMatchOnlyTheTokenASha256HashWasMadeFrom() {
        TokenHash hash = TokenHash.parse(TokenHash.sha256("s3cret-token"));
        assertThat(hash.matches("s3cret-token")).isTrue();
        assertThat(hash.matches("s3cret-tokeN")).isFalse();
        assertThat(hash.matches("s3cret-token ")).isFalse();
        assertThat(hash.matches("")).isFalse();
        assertThat(hash.slow()).isFalse();
    }

    @Test
    void shouldKnowTheSha256OfAKnownValue() {
        // SHA-256("abc") from FIPS 180-2, appendix B.1
        assertThat(TokenHash.sha256("abc"))
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(TokenHash.parse("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")
                .matches("abc")).isTrue();
    }

    @Test
    void shouldMatchOnlyTheTokenAPbkdf2HashWasMadeFromWithItsOwnSalt() {
        String first = TokenHash.pbkdf2("chosen by a person", TokenHash.MIN_ITERATIONS, new SecureRandom());
        String second = TokenHash.pbkdf2("chosen by a person", TokenHash.MIN_ITERATIONS, new SecureRandom());
        assertThat(first).startsWith("pbkdf2-sha256:10000:").isNotEqualTo(second);
        TokenHash hash = TokenHash.parse(first);
        assertThat(hash.slow()).isTrue();
        assertThat(hash.matches("chosen by a person")).isTrue();
        assertThat(hash.matches("chosen by a persoN")).isFalse();
    }

    @Test
    void shouldRefuseAPlainTokenOrAWeakHashWithoutRepeatingIt() {
        assertThatThrownBy(() -> TokenHash.parse("my-plain-token-value"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with sha256: or pbkdf2-sha256:")
                .hasMessageNotContaining("my-plain-token-value");
        assertThatThrownBy(() -> TokenHash.parse("sha256:abc123"))
                .hasMessageContaining("64 hex digits").hasMessageNotContaining("abc123");
        String weak = TokenHash.pbkdf2("x", 1_000, new SecureRandom());
        assertThatThrownBy(() -> TokenHash.parse(weak)).hasMessageContaining("at least 10000 iterations");
    }
}
