package io.aihub.simulators.portal;

import io.aihub.simulators.portal.PortalDelivery.CloudEventsMode;
import io.aihub.simulators.portal.PortalDelivery.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A customer portal sending signed webhooks to a URL with the JDK HTTP client, one request per call, as a
 * real portal would: signing with one scheme, optionally as CloudEvents, with switches to misbehave (see
 * {@link PortalDelivery}) and to {@link #resend} or {@link #replay} an earlier delivery. Thread-safe.
 *
 * <p>Secrets: Standard Webhooks secrets are {@code whsec_<base64>}; the other schemes take any text. The
 * "unknown" secret is random per sender, in the scheme's form.
 */
public final class PortalWebhookSender {

    /** How long to wait for a connection and for each response. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * One request that was sent.
     *
     * @param event    the event as signed
     * @param delivery the switches it was sent with
     * @param headers  the headers sent (signature headers included)
     * @param body     the body sent (after tampering, if any)
     * @param status   the HTTP status the receiver answered
     */
    public record Sent(PortalEvent event, PortalDelivery delivery, Map<String, String> headers, byte[] body,
            int status) {

        /** The event id, which every scheme sends as its delivery or event id. */
        public String eventId() {
            return event.eventId();
        }
    }

    private final URI target;
    private final PortalSigningScheme scheme;
    private final String currentSecret;
    private final String previousSecret;
    private final String unknownSecret;
    private final Clock clock;
    private final HttpClient http;

    /**
     * @param target         where to POST, e.g. {@code http://127.0.0.1:8080/webhooks/portal}
     * @param scheme         how to sign
     * @param currentSecret  the current secret
     * @param previousSecret the secret being rotated out (used by {@link SigningKey#PREVIOUS} and
     *                       {@link SigningKey#BOTH})
     * @param clock          the sender's clock for signed timestamps
     */
    public PortalWebhookSender(URI target, PortalSigningScheme scheme, String currentSecret, String previousSecret,
            Clock clock) {
        this.target = Objects.requireNonNull(target, "target");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.currentSecret = Objects.requireNonNull(currentSecret, "currentSecret");
        this.previousSecret = Objects.requireNonNull(previousSecret, "previousSecret");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String encoded = Base64.getEncoder().encodeToString(random);
        this.unknownSecret = scheme == PortalSigningScheme.STANDARD_WEBHOOKS ? "whsec_" + encoded : encoded;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    /** Signs and sends {@code event} as {@code delivery} says; returns what was sent and the status. */
    public Sent send(PortalEvent event, PortalDelivery delivery) throws IOException, InterruptedException {
        long timestamp = clock.instant().plus(delivery.timestampOffset()).getEpochSecond();
        byte[] signedBody = body(event, delivery.cloudEvents());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", delivery.cloudEvents() == CloudEventsMode.STRUCTURED
                ? "application/cloudevents+json" : "application/json");
        if (delivery.cloudEvents() == CloudEventsMode.BINARY) {
            headers.put("ce-specversion", "1.0");
            headers.put("ce-id", event.eventId());
            headers.put("ce-source", PortalPayloads.CLOUDEVENTS_SOURCE);
            headers.put("ce-type", PortalPayloads.CLOUDEVENTS_TYPE_PREFIX + event.type());
            headers.put("ce-time", event.occurredAt().toString());
            headers.put("ce-subject", event.recordId());
        }
        sign(headers, event, delivery, timestamp, signedBody);
        byte[] sentBody = delivery.tamperBody()
                ? body(event.withField("Monthly_Spend__c", 1.0), delivery.cloudEvents()) : signedBody;
        return new Sent(event, delivery, Map.copyOf(headers), sentBody, post(headers, sentBody));
    }

    /** Sends {@code earlier}'s event again as a sender's retry does: same id and body, signed afresh now. */
    public Sent resend(Sent earlier) throws IOException, InterruptedException {
        return send(earlier.event(), earlier.delivery());
    }

    /** Sends exactly the bytes and headers of {@code earlier} again, as an attacker replaying it would. */
    public Sent replay(Sent earlier) throws IOException, InterruptedException {
        return new Sent(earlier.event(), earlier.delivery(), earlier.headers(), earlier.body(),
                post(earlier.headers(), earlier.body()));
    }

    private byte[] body(PortalEvent event, CloudEventsMode mode) {
        return switch (mode) {
            case NONE -> PortalPayloads.plain(scheme, event);
            case BINARY -> PortalPayloads.binaryData(event);
            case STRUCTURED -> PortalPayloads.structured(event);
        };
    }

    private void sign(Map<String, String> headers, PortalEvent event, PortalDelivery delivery, long timestamp,
            byte[] body) {
        List<String> secrets = switch (delivery.key()) {
            case CURRENT -> List.of(currentSecret);
            case PREVIOUS -> List.of(previousSecret);
            case BOTH -> List.of(previousSecret, currentSecret);
            case UNKNOWN -> List.of(unknownSecret);
        };
        List<String> signatures = new ArrayList<>();
        switch (scheme) {
            case STANDARD_WEBHOOKS -> {
                secrets.forEach(s -> signatures.add(PortalSignatures.standardWebhooks(s, event.eventId(), timestamp,
                        body)));
                headers.put("webhook-id", event.eventId());
                headers.put("webhook-timestamp", String.valueOf(timestamp));
                headers.put("webhook-signature", String.join(" ", signatures));
            }
            case STRIPE -> {
                secrets.forEach(s -> signatures.add("v1=" + PortalSignatures.stripeV1(s, timestamp, body)));
                headers.put("Stripe-Signature", "t=" + timestamp + "," + String.join(",", signatures));
            }
            case GITHUB -> {
                // GitHub sends one signature: with BOTH, the sender has switched to the current secret.
                headers.put("X-Hub-Signature-256", PortalSignatures.github(secrets.get(secrets.size() - 1), body));
                headers.put("X-GitHub-Delivery", event.eventId());
                headers.put("X-GitHub-Event", event.type());
            }
            case SHOPIFY -> {
                headers.put("X-Shopify-Hmac-Sha256", PortalSignatures.shopify(secrets.get(secrets.size() - 1), body));
                headers.put("X-Shopify-Webhook-Id", event.eventId());
                headers.put("X-Shopify-Topic", event.type().replace('.', '/'));
                headers.put("X-Shopify-Triggered-At", clock.instant().plus(delivery.timestampOffset()).toString());
            }
        }
    }

    private int post(Map<String, String> headers, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public String toString() {
        return "PortalWebhookSender[target=" + target + ", scheme=" + scheme + "]";
    }
}
