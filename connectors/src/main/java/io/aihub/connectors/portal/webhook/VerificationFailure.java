package io.aihub.connectors.portal.webhook;

/**
 * Why a webhook request failed verification. The names are stable codes for logs and metrics; none of them
 * says which secret was tried or what the body held.
 */
public enum VerificationFailure {

    /** The scheme's signature header is absent or empty. */
    MISSING_SIGNATURE,
    /** The signature header cannot be read, or holds no signature of the supported version and length. */
    MALFORMED_SIGNATURE,
    /** A timestamped scheme's timestamp is absent ({@code webhook-timestamp}, Stripe's {@code t=}). */
    MISSING_TIMESTAMP,
    /** The timestamp is not a whole number of seconds since the epoch. */
    MALFORMED_TIMESTAMP,
    /** {@code webhook-id} is absent (Standard Webhooks signs it, so there is nothing to verify without it). */
    MISSING_ID,
    /** {@code webhook-id} is too long, holds a full stop or a character outside printable ASCII. */
    MALFORMED_ID,
    /** A header the scheme reads once was sent more than once with different values. */
    AMBIGUOUS_HEADER,
    /** No signature matches any active secret: a wrong or unknown secret, or a body changed after signing. */
    SIGNATURE_MISMATCH,
    /**
     * The signature is valid but its timestamp is further from now than the tolerance, in either direction: a
     * replay, a very late retry or a skewed clock. Only reported for correctly signed requests.
     */
    TIMESTAMP_OUTSIDE_TOLERANCE,
    /** The body is larger than the endpoint's {@code maxBodyBytes}; reported by {@link WebhookEndpoint}. */
    BODY_TOO_LARGE;

    /** The HTTP status the endpoint answers with: 413 for {@link #BODY_TOO_LARGE}, otherwise 401. */
    public int httpStatus() {
        return this == BODY_TOO_LARGE ? 413 : 401;
    }

    /** The error code used in {@link WebhookRejectedException}, e.g. {@code WEBHOOK_SIGNATURE_MISMATCH}. */
    public String code() {
        return "WEBHOOK_" + name();
    }
}
