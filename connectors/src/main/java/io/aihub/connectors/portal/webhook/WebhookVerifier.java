package io.aihub.connectors.portal.webhook;

import io.aihub.connectors.portal.webhook.WebhookHeaders.AmbiguousHeaderException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a webhook request's signature over its raw body, before anything parses the body. Immutable and
 * thread-safe; build one per endpoint with {@link #builder}.
 *
 * <p>Every candidate signature in the request is compared, in constant time ({@link MessageDigest#isEqual}),
 * with the HMAC of every active secret (the current one and, during a rotation, the previous one); the loop
 * never stops early, so the time taken does not tell which secret or which candidate matched. For the
 * timestamped schemes the tolerance is checked after the signature and in both directions: a request whose
 * timestamp is more than the tolerance before or after the clock's now fails with
 * {@link VerificationFailure#TIMESTAMP_OUTSIDE_TOLERANCE}; exactly the tolerance away is accepted.
 */
public final class WebhookVerifier {

    /** Standard Webhooks headers. */
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";
    /** Stripe's signature header. */
    public static final String STRIPE_SIGNATURE = "Stripe-Signature";
    /** GitHub's signature header. */
    public static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";
    /** Shopify's signature header. */
    public static final String SHOPIFY_SIGNATURE = "X-Shopify-Hmac-Sha256";

    /** The default tolerance of the timestamped schemes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

    /** At most this many signatures are read from one header; a longer list is malformed. */
    static final int MAX_CANDIDATES = 16;
    /** Longest accepted {@code webhook-id}. */
    static final int MAX_ID_LENGTH = 255;

    private static final String HMAC_SHA256 = "HmacSHA256";
    private static final int MAC_BYTES = 32;
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern HEX_MAC = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern ID = Pattern.compile("[\\x21-\\x2d\\x2f-\\x7e]{1," + MAX_ID_LENGTH + "}");

    private final WebhookScheme scheme;
    private final List<SecretKeySpec> keys;
    private final Duration tolerance;
    private final Clock clock;

    private WebhookVerifier(Builder builder) {
        this.scheme = builder.scheme;
        List<SecretKeySpec> active = new ArrayList<>();
        active.add(new SecretKeySpec(WebhookSecrets.keyBytes(scheme, builder.secret), HMAC_SHA256));
        if (builder.previousSecret != null && !builder.previousSecret.isBlank()) {
            active.add(new SecretKeySpec(WebhookSecrets.keyBytes(scheme, builder.previousSecret), HMAC_SHA256));
        }
        this.keys = List.copyOf(active);
        this.tolerance = builder.tolerance;
        this.clock = builder.clock;
    }

    /** Starts a verifier for {@code scheme}; a secret is required. */
    public static Builder builder(WebhookScheme scheme) {
        return new Builder(scheme);
    }

    public WebhookScheme scheme() {
        return scheme;
    }

    /** How many secrets are active: 1, or 2 during a rotation. */
    public int activeSecrets() {
        return keys.size();
    }

    public Duration tolerance() {
        return tolerance;
    }

    /**
     * Verifies one request.
     *
     * @param headers the request headers; names are matched case-insensitively
     * @param rawBody the body exactly as received, before any parsing or decoding
     * @return verified, or failed with one reason
     */
    public Verification verify(Map<String, List<String>> headers, byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        WebhookHeaders h = new WebhookHeaders(headers);
        try {
            return switch (scheme) {
                case STANDARD_WEBHOOKS -> verifyStandardWebhooks(h, rawBody);
                case STRIPE -> verifyStripe(h, rawBody);
                case GITHUB -> verifyBodyOnly(h.single(GITHUB_SIGNATURE), rawBody, WebhookVerifier::githubCandidate);
                case SHOPIFY -> verifyBodyOnly(h.single(SHOPIFY_SIGNATURE), rawBody,
                        WebhookVerifier::base64Candidate);
            };
        } catch (AmbiguousHeaderException e) {
            return Verification.failed(VerificationFailure.AMBIGUOUS_HEADER);
        }
    }

    private Verification verifyStandardWebhooks(WebhookHeaders h, byte[] body) throws AmbiguousHeaderException {
        Optional<String> signature = h.single(WEBHOOK_SIGNATURE);
        if (signature.isEmpty()) {
            return Verification.failed(VerificationFailure.MISSING_SIGNATURE);
        }
        Optional<String> id = h.single(WEBHOOK_ID);
        if (id.isEmpty()) {
            return Verification.failed(VerificationFailure.MISSING_ID);
        }
        if (!ID.matcher(id.get()).matches()) {
            return Verification.failed(VerificationFailure.MALFORMED_ID);
        }
        Optional<String> timestamp = h.single(WEBHOOK_TIMESTAMP);
        if (timestamp.isEmpty()) {
            return Verification.failed(VerificationFailure.MISSING_TIMESTAMP);
        }
        if (!TIMESTAMP.matcher(timestamp.get()).matches()) {
            return Verification.failed(VerificationFailure.MALFORMED_TIMESTAMP);
        }
        List<byte[]> candidates = new ArrayList<>();
        String[] entries = signature.get().split(" +");
        if (entries.length > MAX_CANDIDATES) {
            return Verification.failed(VerificationFailure.MALFORMED_SIGNATURE);
        }
        for (String entry : entries) {
            // "v1,<base64>"; other versions (v1a: asymmetric) are skipped as the specification allows.
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")) {
                base64Candidate(entry.substring(comma + 1)).ifPresent(candidates::add);
            }
        }
        byte[] prefix = (id.get() + "." + timestamp.get() + ".").getBytes(StandardCharsets.US_ASCII);
        return check(candidates, prefix, body, Long.parseLong(timestamp.get()));
    }

    private Verification verifyStripe(WebhookHeaders h, byte[] body) throws AmbiguousHeaderException {
        Optional<String> header = h.single(STRIPE_SIGNATURE);
        if (header.isEmpty()) {
            return Verification.failed(VerificationFailure.MISSING_SIGNATURE);
        }
        String timestamp = null;
        List<byte[]> candidates = new ArrayList<>();
        String[] items = header.get().split(",");
        if (items.length > MAX_CANDIDATES + 1) {
            return Verification.failed(VerificationFailure.MALFORMED_SIGNATURE);
        }
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    return Verification.failed(VerificationFailure.MALFORMED_SIGNATURE);
                }
                timestamp = value;
            } else if (key.equals("v1")) {
                hexCandidate(value).ifPresent(candidates::add);
            }
        }
        if (timestamp == null) {
            return Verification.failed(VerificationFailure.MISSING_TIMESTAMP);
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            return Verification.failed(VerificationFailure.MALFORMED_TIMESTAMP);
        }
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        return check(candidates, prefix, body, Long.parseLong(timestamp));
    }

    private Verification verifyBodyOnly(Optional<String> header, byte[] body,
            Function<String, Optional<byte[]>> decode) {
        if (header.isEmpty()) {
            return Verification.failed(VerificationFailure.MISSING_SIGNATURE);
        }
        List<byte[]> candidates = decode.apply(header.get()).map(List::of).orElse(List.of());
        return check(candidates, new byte[0], body, -1);
    }

    /**
     * Compares every candidate with the HMAC of every active secret without stopping early, then checks the
     * timestamp (when {@code timestamp >= 0}).
     */
    private Verification check(List<byte[]> candidates, byte[] prefix, byte[] body, long timestamp) {
        if (candidates.isEmpty()) {
            return Verification.failed(VerificationFailure.MALFORMED_SIGNATURE);
        }
        int matched = 0;
        for (int k = 0; k < keys.size(); k++) {
            byte[] expected = hmac(keys.get(k), prefix, body);
            for (byte[] candidate : candidates) {
                matched |= (MessageDigest.isEqual(expected, candidate) ? 1 : 0) << k;
            }
        }
        if (matched == 0) {
            return Verification.failed(VerificationFailure.SIGNATURE_MISMATCH);
        }
        if (timestamp >= 0) {
            long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
            if (skew > tolerance.toSeconds()) {
                return Verification.failed(VerificationFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            }
        }
        return Verification.verified((matched & 1) == 0);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            mac.update(prefix);
            mac.update(body);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Optional<byte[]> githubCandidate(String header) {
        return header.startsWith("sha256=") ? hexCandidate(header.substring("sha256=".length())) : Optional.empty();
    }

    private static Optional<byte[]> hexCandidate(String text) {
        return HEX_MAC.matcher(text).matches() ? Optional.of(HexFormat.of().parseHex(text)) : Optional.empty();
    }

    private static Optional<byte[]> base64Candidate(String text) {
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            return decoded.length == MAC_BYTES ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "WebhookVerifier[scheme=" + scheme.configValue() + ", activeSecrets=" + keys.size()
                + ", tolerance=" + tolerance.toSeconds() + "s]";
    }

    /** Builds a {@link WebhookVerifier}; secrets are checked for the scheme's form at {@link #build()}. */
    public static final class Builder {
        private final WebhookScheme scheme;
        private String secret;
        private String previousSecret;
        private Duration tolerance = DEFAULT_TOLERANCE;
        private Clock clock = Clock.systemUTC();

        private Builder(WebhookScheme scheme) {
            this.scheme = Objects.requireNonNull(scheme, "scheme");
        }

        /** The current secret (required), in the scheme's form (Standard Webhooks: {@code whsec_<base64>}). */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** The secret being rotated out, accepted alongside the current one; null or blank for none. */
        public Builder previousSecret(String previousSecret) {
            this.previousSecret = previousSecret;
            return this;
        }

        /** How far a signed timestamp may be from now, either way (whole seconds; default 300 s). */
        public Builder tolerance(Duration tolerance) {
            this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
            return this;
        }

        /** The clock timestamps are compared with (default: system UTC). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the verifier.
         *
         * @throws IllegalArgumentException when a secret is missing or not of the scheme's form, or the
         *                                  tolerance is under one second; the message never quotes a secret
         */
        public WebhookVerifier build() {
            if (tolerance.toSeconds() < 1) {
                throw new IllegalArgumentException("tolerance must be at least 1s");
            }
            try {
                WebhookSecrets.keyBytes(scheme, secret);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("secret " + e.getMessage());
            }
            if (previousSecret != null && !previousSecret.isBlank()) {
                try {
                    WebhookSecrets.keyBytes(scheme, previousSecret);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("previousSecret " + e.getMessage());
                }
            }
            return new WebhookVerifier(this);
        }
    }
}
