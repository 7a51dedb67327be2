package io.aihub.routes.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A configured API token's hash, so that the configuration never holds the token itself. Two forms:
 * <ul>
 *   <li>{@code sha256:<64 hex digits>}: SHA-256 of the token's UTF-8 bytes; right for the random tokens
 *       {@code ./aihub api-token new} makes (256 bits of entropy cannot be guessed, however fast the hash);</li>
 *   <li>{@code pbkdf2-sha256:<iterations>:<salt, base64>:<hash, base64>}: PBKDF2-HMAC-SHA256, for tokens a person
 *       chose; deliberately slow (at least {@value #MIN_ITERATIONS} iterations).</li>
 * </ul>
 * Comparison is in constant time ({@link MessageDigest#isEqual}).
 */
public final class TokenHash {

    /** Prefix of a SHA-256 hash. */
    public static final String SHA256 = "sha256:";
    /** Prefix of a PBKDF2-HMAC-SHA256 hash. */
    public static final String PBKDF2 = "pbkdf2-sha256:";
    /** Fewest PBKDF2 iterations accepted. */
    public static final int MIN_ITERATIONS = 10_000;
    /** Iterations {@code ./aihub api-token hash --pbkdf2} uses. */
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int KEY_BITS = 256;

    private final boolean pbkdf2;
    private final int iterations;
    private final byte[] salt;
    private final byte[] expected;

    private TokenHash(boolean pbkdf2, int iterations, byte[] salt, byte[] expected) {
        this.pbkdf2 = pbkdf2;
        this.iterations = iterations;
        this.salt = salt;
        this.expected = expected;
    }

    /**
     * Reads a configured hash. The message of the exception never repeats the value.
     *
     * @throws IllegalArgumentException when the text is not one of the two forms
     */
    public static TokenHash parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.startsWith(SHA256)) {
            String hex = value.substring(SHA256.length());
            if (!hex.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("a sha256: hash must be followed by 64 hex digits");
            }
            return new TokenHash(false, 0, null, HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT)));
        }
        if (value.startsWith(PBKDF2)) {
            String[] parts = value.substring(PBKDF2.length()).split(":", -1);
            try {
                if (parts.length != 3) {
                    throw new IllegalArgumentException("wrong number of parts");
                }
                int iterations = Integer.parseInt(parts[0]);
                byte[] salt = Base64.getDecoder().decode(parts[1]);
                byte[] hash = Base64.getDecoder().decode(parts[2]);
                if (iterations < MIN_ITERATIONS || salt.length < 16 || hash.length != KEY_BITS / 8) {
                    throw new IllegalArgumentException("too weak");
                }
                return new TokenHash(true, iterations, salt, hash);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a pbkdf2-sha256: hash must be <iterations>:<salt>:<hash> with at "
                        + "least " + MIN_ITERATIONS + " iterations, a base64 salt of 16+ bytes and a base64 32-byte "
                        + "hash (make one with ./aihub api-token hash --pbkdf2)");
            }
        }
        throw new IllegalArgumentException("a token hash must start with " + SHA256 + " or " + PBKDF2
                + " (make one with ./aihub api-token hash); the token itself is never configured");
    }

    /** Whether {@code token} hashes to this value; takes the same time whatever the token's bytes are. */
    public boolean matches(String token) {
        byte[] actual = pbkdf2 ? pbkdf2(token, salt, iterations) : sha256Bytes(token);
        return MessageDigest.isEqual(actual, expected);
    }

    /** Whether checking costs a PBKDF2 run (callers cache successful checks). */
    public boolean slow() {
        return pbkdf2;
    }

    /** {@code sha256:<hex>} of a token. */
    public static String sha256(String token) {
        return SHA256 + HexFormat.of().formatHex(sha256Bytes(token));
    }

    /** {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} of a token, with a fresh random salt. */
    public static String pbkdf2(String token, int iterations, SecureRandom random) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return PBKDF2 + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(pbkdf2(token, salt,
                iterations));
    }

    static byte[] sha256Bytes(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static byte[] pbkdf2(String token, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return pbkdf2 ? "pbkdf2-sha256 hash" : "sha256 hash";
    }
}
