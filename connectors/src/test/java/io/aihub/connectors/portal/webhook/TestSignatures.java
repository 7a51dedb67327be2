package io.aihub.connectors.portal.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signatures computed straight from javax.crypto, independently of the code under test. */
final class TestSignatures {

    /** A Standard Webhooks secret of 32 bytes. */
    static final String WHSEC = "whsec_" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String WHSEC_OLD = "whsec_" + Base64.getEncoder().encodeToString(
            "old-secret-old-secret-old-secret".getBytes(StandardCharsets.US_ASCII));
    static final String WHSEC_UNKNOWN = "whsec_" + Base64.getEncoder().encodeToString(
            "who-knows-who-knows-who-knows-xx".getBytes(StandardCharsets.US_ASCII));

    private TestSignatures() {
    }

    static byte[] hmac(byte[] key, String content) {
        return hmac(key, content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static byte[] whsecKey(String whsec) {
        return Base64.getDecoder().decode(whsec.substring("whsec_".length()));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String standardSignature(String whsec, String id, long timestamp, String body) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(whsecKey(whsec), id + "." + timestamp + "." + body));
    }

    static Map<String, List<String>> standardHeaders(String id, long timestamp, String signature) {
        return Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(String.valueOf(timestamp)),
                "webhook-signature", List.of(signature));
    }

    static String stripeV1(String secret, long timestamp, String body) {
        return HexFormat.of().formatHex(hmac(utf8(secret), timestamp + "." + body));
    }

    static String githubSignature(String secret, String body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(utf8(secret), body));
    }

    static String shopifySignature(String secret, String body) {
        return Base64.getEncoder().encodeToString(hmac(utf8(secret), body));
    }
}
