package io.aihub.simulators.portal;

/** The signature schemes the sender can use (implemented here independently of the hub's verifier). */
public enum PortalSigningScheme {
    /** Standard Webhooks 1.0: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}. */
    STANDARD_WEBHOOKS,
    /** Stripe: {@code Stripe-Signature: t=...,v1=<hex>}. */
    STRIPE,
    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex>} and {@code X-GitHub-Delivery}. */
    GITHUB,
    /** Shopify: {@code X-Shopify-Hmac-Sha256: <base64>} and {@code X-Shopify-Webhook-Id}. */
    SHOPIFY;

    /** True if the scheme signs a timestamp, so a stale one is detectable by the receiver. */
    public boolean signsTimestamp() {
        return this == STANDARD_WEBHOOKS || this == STRIPE;
    }
}
