package io.aihub.connectors.portal.webhook;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured webhook endpoint: what the hub's {@code POST /webhooks/<route-id>} handler calls for each
 * request. Immutable and thread-safe (the de-duplicator is synchronized).
 *
 * <p>Request handling, in order (the hub does the first three before the request enters a route):
 * <ol>
 * <li>{@link #rateLimiter()}: a client over its rate gets 429 with {@code Retry-After}, before the body is read;</li>
 * <li>a {@code Content-Length} above {@link #maxBodyBytes()} is a 413 at once; otherwise read at most
 *     {@link #maxBodyBytes()} + 1 bytes of the body; more is a 413;</li>
 * <li>{@link #verify} the signature over the raw body: 401 when it fails;</li>
 * <li>{@link #receive} verifies the raw body, then parses it (401, 400 and 413 come as a
 *     {@link WebhookRejectedException} with {@link WebhookRejectedException#httpStatus()});</li>
 * <li>if {@link DeliveryDeduplicator#alreadyAccepted} the event's {@link WebhookEvent#dedupeKey()}, answer 200;</li>
 * <li>publish with {@code _AMQ_DUPL_ID} = route and dedupe key; on broker failure answer 503;</li>
 * <li>after the broker commit, {@link DeliveryDeduplicator#recordAccepted} and answer 202 (200 if the broker
 *     reported a duplicate).</li>
 * </ol>
 */
public final class WebhookEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookEndpoint.class);

    private final String name;
    private final WebhookVerifier verifier;
    private final WebhookEventParser parser;
    private final long maxBodyBytes;
    private final DeliveryDeduplicator deduplicator;
    private final ClientRateLimiter rateLimiter;
    private final String clientHeader;

    /** An endpoint without a rate limit, the client being the remote address. */
    public WebhookEndpoint(String name, WebhookVerifier verifier, WebhookEventParser parser, long maxBodyBytes,
            DeliveryDeduplicator deduplicator) {
        this(name, verifier, parser, maxBodyBytes, deduplicator,
                new ClientRateLimiter(0, 1, 1, java.time.Clock.systemUTC()), "");
    }

    /**
     * @param rateLimiter  the per-client rate limit
     * @param clientHeader the header naming the client for the rate limit, or empty for the remote address
     */
    public WebhookEndpoint(String name, WebhookVerifier verifier, WebhookEventParser parser, long maxBodyBytes,
            DeliveryDeduplicator deduplicator, ClientRateLimiter rateLimiter, String clientHeader) {
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.clientHeader = Objects.requireNonNull(clientHeader, "clientHeader");
        this.name = Objects.requireNonNull(name, "name");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.deduplicator = Objects.requireNonNull(deduplicator, "deduplicator");
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        this.maxBodyBytes = maxBodyBytes;
        LOG.info("AIHUB-WEBHOOK-0001 webhook endpoint '{}' ready: scheme {}, {} active secret(s), tolerance {}s,"
                + " maxBodyBytes {}, {}", name, verifier.scheme().configValue(), verifier.activeSecrets(),
                verifier.tolerance().toSeconds(), maxBodyBytes, rateLimiter);
    }

    /**
     * Verifies and parses one request.
     *
     * @param headers the request headers (names case-insensitive)
     * @param rawBody the body exactly as received
     * @return the event, verified
     * @throws WebhookRejectedException 413 when the body is too large, 401 when verification fails, 400 when the
     *                                  verified body cannot be read as an event
     */
    public WebhookEvent receive(Map<String, List<String>> headers, byte[] rawBody) {
        Verification verification = verify(headers, rawBody);
        if (!verification.ok()) {
            throw WebhookRejectedException.unverified(name, verification.failure());
        }
        WebhookEvent event;
        try {
            event = parser.parse(headers, rawBody);
        } catch (WebhookRejectedException e) {
            LOG.debug("AIHUB-WEBHOOK-0004 endpoint '{}' rejected a verified request: {}", name, e.code());
            throw e;
        }
        LOG.debug("AIHUB-WEBHOOK-0005 endpoint '{}' received event {} ({})", name, event.eventId(), event.mode());
        return event;
    }

    /**
     * Checks the body size and verifies the signature over the raw body, without parsing it: what the hub's HTTP
     * server does before a request may enter a route (and {@link #receive} does again).
     *
     * @return verified, or failed with {@link VerificationFailure#BODY_TOO_LARGE} or the verifier's reason
     */
    public Verification verify(Map<String, List<String>> headers, byte[] rawBody) {
        if (rawBody.length > maxBodyBytes) {
            LOG.debug("AIHUB-WEBHOOK-0002 endpoint '{}' rejected a request: {}", name,
                    VerificationFailure.BODY_TOO_LARGE);
            return Verification.failed(VerificationFailure.BODY_TOO_LARGE);
        }
        Verification verification = verifier.verify(headers, rawBody);
        if (!verification.ok()) {
            LOG.debug("AIHUB-WEBHOOK-0002 endpoint '{}' rejected a request: {}", name, verification.failure());
        } else if (verification.signedWithPrevious()) {
            LOG.debug("AIHUB-WEBHOOK-0003 endpoint '{}' accepted a request signed with previousSecret", name);
        }
        return verification;
    }

    /** The per-client rate limit, applied before the body is read. */
    public ClientRateLimiter rateLimiter() {
        return rateLimiter;
    }

    /**
     * The client a request counts against: the first comma-separated value of {@link #clientHeader} when one is
     * configured and present, otherwise {@code remoteAddress}.
     */
    public String client(Map<String, List<String>> headers, String remoteAddress) {
        if (!clientHeader.isEmpty()) {
            Optional<String> value = new WebhookHeaders(headers).first(clientHeader);
            if (value.isPresent()) {
                String first = value.get().split(",", 2)[0].strip();
                if (!first.isEmpty()) {
                    return first.length() > 128 ? first.substring(0, 128) : first;
                }
            }
        }
        return remoteAddress;
    }

    public String name() {
        return name;
    }

    public WebhookVerifier verifier() {
        return verifier;
    }

    public WebhookEventParser parser() {
        return parser;
    }

    /** The largest body accepted; the hub should stop reading after one byte more and answer 413. */
    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    /** The in-memory fast-path de-duplicator configured by {@code dedupeWindow} and {@code dedupeMaxEntries}. */
    public DeliveryDeduplicator deduplicator() {
        return deduplicator;
    }

    @Override
    public String toString() {
        return "WebhookEndpoint[name=" + name + ", " + verifier + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
