package io.aihub.simulators.portal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Computes the signatures a sender puts on a webhook, per scheme. */
final class PortalSignatures {

    private PortalSignatures() {
    }

    /** Standard Webhooks: {@code v1,<base64 HMAC(key, id.timestamp.body)>}, the key base64 after {@code whsec_}. */
    static String standardWebhooks(String whsecSecret, String id, long timestamp, byte[] body) {
        byte[] key = Base64.getDecoder().decode(whsecSecret.substring("whsec_".length()));
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, (id + "." + timestamp + ".").getBytes(
                StandardCharsets.UTF_8), body));
    }

    /** Stripe: hex HMAC(secret text, {@code t.body}). */
    static String stripeV1(String secret, long timestamp, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + ".").getBytes(StandardCharsets.UTF_8), body));
    }

    /** GitHub: {@code sha256=<hex HMAC(secret text, body)>}. */
    static String github(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), new byte[0], body));
    }

    /** Shopify: base64 HMAC(secret text, body). */
    static String shopify(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8), new byte[0], body));
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
