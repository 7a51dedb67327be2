package io.aihub.connectors.portal.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a configured secret into HMAC key bytes the way each scheme defines it. Error messages never contain
 * the secret.
 */
final class WebhookSecrets {

    /** The Standard Webhooks secret prefix. */
    static final String WHSEC_PREFIX = "whsec_";
    /** The Standard Webhooks specification asks for symmetric secrets of at least 24 bytes. */
    static final int MIN_STANDARD_KEY_BYTES = 24;

    private WebhookSecrets() {
    }

    /**
     * The key bytes of {@code secret} under {@code scheme}: Standard Webhooks base64-decodes what follows
     * {@code whsec_}; Stripe, GitHub and Shopify use the secret's UTF-8 text as it is (Stripe's {@code whsec_}
     * prefix included).
     *
     * @throws IllegalArgumentException when the secret does not have the scheme's form; the message says why
     *                                  without quoting it
     */
    static byte[] keyBytes(WebhookScheme scheme, String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String text = secret.trim();
        if (scheme != WebhookScheme.STANDARD_WEBHOOKS) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (!text.startsWith(WHSEC_PREFIX)) {
            throw new IllegalArgumentException("must be a Standard Webhooks secret: whsec_ followed by base64");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text.substring(WHSEC_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be whsec_ followed by valid base64");
        }
        if (key.length < MIN_STANDARD_KEY_BYTES) {
            throw new IllegalArgumentException("must decode to at least " + MIN_STANDARD_KEY_BYTES
                    + " bytes (Standard Webhooks), got " + key.length);
        }
        return key;
    }
}
