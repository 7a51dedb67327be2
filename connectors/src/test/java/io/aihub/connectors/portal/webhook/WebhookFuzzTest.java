package io.aihub.connectors.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the webhook verifier (every scheme) and the event parser with CloudEvents structured and binary requests.
 * Each must answer every input with a result or a {@link WebhookRejectedException}: no other exception, no hang,
 * no stack overflow. Regression mode (the committed inputs under {@code WebhookFuzzTestInputs/<method>/}) runs in
 * {@code mvn verify}; {@code JAZZER_FUZZ=1} fuzzes (docs/security.md).
 */
class WebhookFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    private static final String WHSEC = "whsec_YWlodWItZGVtby1wb3J0YWwtc2lnbmluZy1zZWNyZXQ=";
    private static final List<String> NAMES = List.of("webhook-id", "webhook-timestamp", "webhook-signature",
            "Stripe-Signature", "X-Hub-Signature-256", "X-Shopify-Hmac-Sha256", "Content-Type", "ce-specversion",
            "ce-id", "ce-source", "ce-type", "ce-time", "X-GitHub-Delivery", "X-Shopify-Webhook-Id");

    @FuzzTest(maxDuration = "30s")
    void verifierAnswersEveryRequest(FuzzedDataProvider data) {
        WebhookScheme scheme = data.pickValue(WebhookScheme.values());
        WebhookVerifier verifier = WebhookVerifier.builder(scheme)
                .secret(scheme == WebhookScheme.STANDARD_WEBHOOKS ? WHSEC : "shared-secret-text")
                .clock(CLOCK).build();
        Map<String, List<String>> headers = headers(data);
        byte[] body = data.consumeRemainingAsBytes();
        Verification verification = verifier.verify(headers, body);
        assertThat(verification).isNotNull();
    }

    @FuzzTest(maxDuration = "30s")
    void cloudEventsParserAnswersEveryVerifiedRequest(FuzzedDataProvider data) {
        WebhookScheme scheme = data.pickValue(new WebhookScheme[] {WebhookScheme.GITHUB, WebhookScheme.SHOPIFY});
        WebhookEventParser parser = new WebhookEventParser("fuzz", scheme, "portal", "Account", "", "", "");
        Map<String, List<String>> headers = headers(data);
        if (data.consumeBoolean()) {
            headers.put("Content-Type", List.of("application/cloudevents+json"));
        } else {
            headers.put("ce-specversion", List.of("1.0"));
        }
        try {
            WebhookEvent event = parser.parse(headers, data.consumeRemainingAsBytes());
            assertThat(event.record()).isNotNull();
        } catch (WebhookRejectedException expected) {
            assertThat(expected.httpStatus()).isBetween(400, 499);
        }
    }

    private static Map<String, List<String>> headers(FuzzedDataProvider data) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int count = data.consumeInt(0, 8);
        for (int i = 0; i < count; i++) {
            String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(20);
            headers.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(data.consumeString(200));
        }
        return headers;
    }
}
