package io.aihub.connectors.portal.webhook;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a sender signs its webhooks. Every scheme is HMAC-SHA256 over the raw body (plus, for the two
 * timestamped schemes, the signed metadata in front of it).
 */
public enum WebhookScheme {

    /**
     * <a href="https://www.standardwebhooks.com">Standard Webhooks</a> 1.0: headers {@code webhook-id},
     * {@code webhook-timestamp} and {@code webhook-signature} (space-separated {@code v1,<base64>}) over
     * {@code <id>.<timestamp>.<body>}; the secret is {@code whsec_<base64 key>}.
     */
    STANDARD_WEBHOOKS("standard-webhooks", true),
    /** Stripe: {@code Stripe-Signature: t=<unix>,v1=<hex>,...} over {@code <t>.<body>}; the secret's text is the key. */
    STRIPE("stripe", true),
    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>} over the body; no timestamp. */
    GITHUB("github", false),
    /** Shopify: {@code X-Shopify-Hmac-Sha256: <base64>} over the body; no signed timestamp. */
    SHOPIFY("shopify", false);

    private final String configValue;
    private final boolean timestamped;

    WebhookScheme(String configValue, boolean timestamped) {
        this.configValue = configValue;
        this.timestamped = timestamped;
    }

    /** The name used in configuration, e.g. {@code standard-webhooks}. */
    public String configValue() {
        return configValue;
    }

    /** True if the signature covers a timestamp, so the tolerance applies. */
    public boolean timestamped() {
        return timestamped;
    }

    /** The scheme named {@code value} in configuration, if any. */
    public static Optional<WebhookScheme> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(s -> s.configValue.equals(value)).findFirst();
    }
}
