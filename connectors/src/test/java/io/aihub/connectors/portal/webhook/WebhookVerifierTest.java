package io.aihub.connectors.portal.webhook;

import static io.aihub.connectors.portal.webhook.TestSignatures.WHSEC;
import static io.aihub.connectors.portal.webhook.TestSignatures.WHSEC_OLD;
import static io.aihub.connectors.portal.webhook.TestSignatures.WHSEC_UNKNOWN;
import static io.aihub.connectors.portal.webhook.TestSignatures.githubSignature;
import static io.aihub.connectors.portal.webhook.TestSignatures.shopifySignature;
import static io.aihub.connectors.portal.webhook.TestSignatures.standardHeaders;
import static io.aihub.connectors.portal.webhook.TestSignatures.standardSignature;
import static io.aihub.connectors.portal.webhook.TestSignatures.stripeV1;
import static io.aihub.connectors.portal.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookVerifierTest {

    private static final long NOW = 1_767_600_000L;
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    private static final String BODY = "{\"type\":\"account.updated\",\"data\":{\"id\":\"001A\",\"NPS__c\":7}}";

    private static WebhookVerifier verifier(WebhookScheme scheme, String secret, String previous) {
        return WebhookVerifier.builder(scheme).secret(secret).previousSecret(previous).clock(CLOCK).build();
    }

    private static VerificationFailure failure(Verification v) {
        assertThat(v.ok()).as("verification should fail").isFalse();
        return v.reason().orElseThrow();
    }

    private static Map<String, List<String>> with(Map<String, List<String>> headers, String name, String value) {
        Map<String, List<String>> copy = new HashMap<>(headers);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, List.of(value));
        }
        return copy;
    }

    @Nested
    class StandardWebhooks {

        private final WebhookVerifier verifier = verifier(WebhookScheme.STANDARD_WEBHOOKS, WHSEC, null);

        @Test
        void shouldAcceptTheSpecificationsPublishedExample() {
            // The example of the standard-webhooks reference libraries' test suites.
            WebhookVerifier spec = WebhookVerifier.builder(WebhookScheme.STANDARD_WEBHOOKS)
                    .secret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
                    .clock(Clock.fixed(Instant.ofEpochSecond(1614265330), ZoneOffset.UTC)).build();
            Map<String, List<String>> headers = standardHeaders("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                    "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");

            assertThat(spec.verify(headers, utf8("{\"test\": 2432232314}")).ok()).isTrue();
            assertThat(failure(spec.verify(headers, utf8("{\"test\": 2432232315}"))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
        }

        @Test
        void shouldAcceptAKnownAnswerSignatureComputedIndependently() {
            Map<String, List<String>> headers = standardHeaders("msg_1", NOW, standardSignature(WHSEC, "msg_1", NOW,
                    BODY));

            Verification v = verifier.verify(headers, utf8(BODY));

            assertThat(v.ok()).isTrue();
            assertThat(v.signedWithPrevious()).isFalse();
        }

        @Test
        void shouldMatchHeaderNamesCaseInsensitively() {
            String sig = standardSignature(WHSEC, "msg_1", NOW, BODY);
            Map<String, List<String>> headers = Map.of("Webhook-Id", List.of("msg_1"), "WEBHOOK-TIMESTAMP",
                    List.of(String.valueOf(NOW)), "Webhook-Signature", List.of(sig));

            assertThat(verifier.verify(headers, utf8(BODY)).ok()).isTrue();
        }

        @Test
        void shouldAcceptWhenAnyOfSeveralSignaturesMatchesAndSkipOtherVersions() {
            String good = standardSignature(WHSEC, "msg_1", NOW, BODY);
            String list = "v1a,aGVsbG8= v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2," + good.substring(3) + " "
                    + good;

            assertThat(verifier.verify(standardHeaders("msg_1", NOW, list), utf8(BODY)).ok()).isTrue();
        }

        @Test
        void shouldRejectASignatureUnderAnotherVersionOnly() {
            String good = standardSignature(WHSEC, "msg_1", NOW, BODY);
            Verification v = verifier.verify(standardHeaders("msg_1", NOW, "v2," + good.substring(3)), utf8(BODY));

            assertThat(failure(v)).isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
        }

        @Test
        void shouldRejectATamperedBodyIdOrTimestamp() {
            Map<String, List<String>> headers = standardHeaders("msg_1", NOW, standardSignature(WHSEC, "msg_1", NOW,
                    BODY));

            assertThat(failure(verifier.verify(headers, utf8(BODY.replace("7", "8")))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
            assertThat(failure(verifier.verify(with(headers, "webhook-id", "msg_2"), utf8(BODY))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
            assertThat(failure(verifier.verify(with(headers, "webhook-timestamp", String.valueOf(NOW + 1)),
                    utf8(BODY)))).isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
        }

        @Test
        void shouldNameEveryMissingOrMalformedPart() {
            Map<String, List<String>> headers = standardHeaders("msg_1", NOW, standardSignature(WHSEC, "msg_1", NOW,
                    BODY));
            byte[] body = utf8(BODY);

            assertThat(failure(verifier.verify(with(headers, "webhook-signature", null), body)))
                    .isEqualTo(VerificationFailure.MISSING_SIGNATURE);
            assertThat(failure(verifier.verify(with(headers, "webhook-signature", "  "), body)))
                    .isEqualTo(VerificationFailure.MISSING_SIGNATURE);
            assertThat(failure(verifier.verify(with(headers, "webhook-id", null), body)))
                    .isEqualTo(VerificationFailure.MISSING_ID);
            assertThat(failure(verifier.verify(with(headers, "webhook-id", "msg.1"), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_ID);
            assertThat(failure(verifier.verify(with(headers, "webhook-id", "x".repeat(256)), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_ID);
            assertThat(failure(verifier.verify(with(headers, "webhook-timestamp", null), body)))
                    .isEqualTo(VerificationFailure.MISSING_TIMESTAMP);
            assertThat(failure(verifier.verify(with(headers, "webhook-timestamp", "2026-01-05T08:00:00Z"), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_TIMESTAMP);
            assertThat(failure(verifier.verify(with(headers, "webhook-timestamp", "-5"), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_TIMESTAMP);
            assertThat(failure(verifier.verify(with(headers, "webhook-signature", "v1,not base64!"), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
            assertThat(failure(verifier.verify(with(headers, "webhook-signature", "v1,aGVsbG8="), body)))
                    .as("a signature of the wrong length").isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
            assertThat(failure(verifier.verify(with(headers, "webhook-signature",
                    "v1,aGVsbG8= ".repeat(WebhookVerifier.MAX_CANDIDATES + 1)), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
        }

        @Test
        void shouldRejectAHeaderSentTwiceWithDifferentValues() {
            Map<String, List<String>> headers = new HashMap<>(standardHeaders("msg_1", NOW,
                    standardSignature(WHSEC, "msg_1", NOW, BODY)));
            headers.put("Webhook-Id", List.of("msg_2"));

            assertThat(failure(verifier.verify(headers, utf8(BODY)))).isEqualTo(VerificationFailure.AMBIGUOUS_HEADER);
        }

        @Test
        void shouldAcceptTimestampsExactlyAtTheToleranceAndRejectOneSecondBeyondInBothDirections() {
            for (long offset : new long[] {-300, 300}) {
                long ts = NOW + offset;
                Map<String, List<String>> h = standardHeaders("msg_1", ts, standardSignature(WHSEC, "msg_1", ts, BODY));
                assertThat(verifier.verify(h, utf8(BODY)).ok()).as("offset %d", offset).isTrue();
            }
            for (long offset : new long[] {-301, 301, -86_400}) {
                long ts = NOW + offset;
                Map<String, List<String>> h = standardHeaders("msg_1", ts, standardSignature(WHSEC, "msg_1", ts, BODY));
                assertThat(failure(verifier.verify(h, utf8(BODY)))).as("offset %d", offset)
                        .isEqualTo(VerificationFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            }
        }

        @Test
        void shouldHonourAConfiguredTolerance() {
            WebhookVerifier strict = WebhookVerifier.builder(WebhookScheme.STANDARD_WEBHOOKS).secret(WHSEC)
                    .tolerance(Duration.ofSeconds(10)).clock(CLOCK).build();
            long ts = NOW - 11;
            Map<String, List<String>> h = standardHeaders("msg_1", ts, standardSignature(WHSEC, "msg_1", ts, BODY));

            assertThat(failure(strict.verify(h, utf8(BODY)))).isEqualTo(VerificationFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            assertThat(verifier.verify(h, utf8(BODY)).ok()).isTrue();
        }

        @Test
        void shouldReportAForgedStaleRequestAsAMismatchNotAsStale() {
            long ts = NOW - 3600;
            Map<String, List<String>> h = standardHeaders("msg_1", ts, standardSignature(WHSEC_UNKNOWN, "msg_1", ts,
                    BODY));

            assertThat(failure(verifier.verify(h, utf8(BODY)))).isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
        }
    }

    @Nested
    class Rotation {

        @ParameterizedTest
        @ValueSource(strings = {"standard-webhooks", "stripe", "github", "shopify"})
        void shouldAcceptTheCurrentAndThePreviousSecretAndRejectAnUnknownOne(String schemeName) {
            WebhookScheme scheme = WebhookScheme.fromConfigValue(schemeName).orElseThrow();
            WebhookVerifier rotating = verifier(scheme, secret(scheme, WHSEC), secret(scheme, WHSEC_OLD));

            Verification current = rotating.verify(signed(scheme, secret(scheme, WHSEC)), utf8(BODY));
            Verification previous = rotating.verify(signed(scheme, secret(scheme, WHSEC_OLD)), utf8(BODY));
            Verification unknown = rotating.verify(signed(scheme, secret(scheme, WHSEC_UNKNOWN)), utf8(BODY));

            assertThat(current.ok()).isTrue();
            assertThat(current.signedWithPrevious()).isFalse();
            assertThat(previous.ok()).isTrue();
            assertThat(previous.signedWithPrevious()).isTrue();
            assertThat(failure(unknown)).isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
            assertThat(rotating.activeSecrets()).isEqualTo(2);
        }

        @Test
        void shouldRejectThePreviousSecretOnceTheRotationIsOver() {
            WebhookVerifier done = verifier(WebhookScheme.STANDARD_WEBHOOKS, WHSEC, "");

            assertThat(done.activeSecrets()).isEqualTo(1);
            assertThat(failure(done.verify(signed(WebhookScheme.STANDARD_WEBHOOKS, WHSEC_OLD), utf8(BODY))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
        }

        @Test
        void shouldAcceptAStandardWebhooksHeaderSignedWithBothSecrets() {
            WebhookVerifier newOnly = verifier(WebhookScheme.STANDARD_WEBHOOKS, WHSEC, null);
            String both = standardSignature(WHSEC_OLD, "msg_1", NOW, BODY) + " "
                    + standardSignature(WHSEC, "msg_1", NOW, BODY);

            assertThat(newOnly.verify(standardHeaders("msg_1", NOW, both), utf8(BODY)).ok()).isTrue();
        }

        /** Stripe, GitHub and Shopify use the secret text itself; a whsec_ text serves as a plain secret. */
        private static String secret(WebhookScheme scheme, String whsec) {
            return scheme == WebhookScheme.STANDARD_WEBHOOKS ? whsec : whsec.substring(6, 30);
        }

        private static Map<String, List<String>> signed(WebhookScheme scheme, String secret) {
            return switch (scheme) {
                case STANDARD_WEBHOOKS -> standardHeaders("msg_1", NOW, standardSignature(secret, "msg_1", NOW, BODY));
                case STRIPE -> Map.of("Stripe-Signature", List.of("t=" + NOW + ",v1=" + stripeV1(secret, NOW, BODY)));
                case GITHUB -> Map.of("X-Hub-Signature-256", List.of(githubSignature(secret, BODY)));
                case SHOPIFY -> Map.of("X-Shopify-Hmac-Sha256", List.of(shopifySignature(secret, BODY)));
            };
        }
    }

    @Nested
    class Stripe {

        private static final String SECRET = "whsec_stripe_test_secret";
        private final WebhookVerifier verifier = verifier(WebhookScheme.STRIPE, SECRET, null);

        private Map<String, List<String>> header(String value) {
            return Map.of("stripe-signature", List.of(value));
        }

        @Test
        void shouldAcceptAKnownAnswerSignatureAmongOthers() {
            String good = stripeV1(SECRET, NOW, BODY);
            String value = "t=" + NOW + ",v1=" + "0".repeat(64) + ",v0=" + "1".repeat(64) + ",v1=" + good;

            assertThat(verifier.verify(header(value), utf8(BODY)).ok()).isTrue();
        }

        @Test
        void shouldSignTheTimestampTooAndHonourTheToleranceBothWays() {
            String good = stripeV1(SECRET, NOW, BODY);
            assertThat(failure(verifier.verify(header("t=" + (NOW + 1) + ",v1=" + good), utf8(BODY))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
            for (long ts : new long[] {NOW - 300, NOW + 300}) {
                assertThat(verifier.verify(header("t=" + ts + ",v1=" + stripeV1(SECRET, ts, BODY)), utf8(BODY)).ok())
                        .isTrue();
            }
            for (long ts : new long[] {NOW - 301, NOW + 301}) {
                assertThat(failure(verifier.verify(header("t=" + ts + ",v1=" + stripeV1(SECRET, ts, BODY)),
                        utf8(BODY)))).isEqualTo(VerificationFailure.TIMESTAMP_OUTSIDE_TOLERANCE);
            }
        }

        @Test
        void shouldNameEveryMissingOrMalformedPart() {
            String good = stripeV1(SECRET, NOW, BODY);
            byte[] body = utf8(BODY);

            assertThat(failure(verifier.verify(Map.of(), body))).isEqualTo(VerificationFailure.MISSING_SIGNATURE);
            assertThat(failure(verifier.verify(header("v1=" + good), body)))
                    .isEqualTo(VerificationFailure.MISSING_TIMESTAMP);
            assertThat(failure(verifier.verify(header("t=soon,v1=" + good), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_TIMESTAMP);
            assertThat(failure(verifier.verify(header("t=" + NOW + ",t=" + NOW + ",v1=" + good), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
            assertThat(failure(verifier.verify(header("t=" + NOW + ",v0=" + good), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
            assertThat(failure(verifier.verify(header("t=" + NOW + ",v1=" + good.substring(2)), body)))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
            assertThat(failure(verifier.verify(header("t=" + NOW + ",v1=" + good), utf8(BODY + " "))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
        }
    }

    @Nested
    class GitHub {

        @Test
        void shouldAcceptGitHubsPublishedExample() {
            // docs.github.com, "Validating webhook deliveries", testing the webhook payload validation.
            WebhookVerifier github = verifier(WebhookScheme.GITHUB, "It's a Secret to Everybody", null);
            Map<String, List<String>> headers = Map.of("X-Hub-Signature-256",
                    List.of("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"));

            assertThat(github.verify(headers, utf8("Hello, World!")).ok()).isTrue();
            assertThat(failure(github.verify(headers, utf8("Hello, World?"))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
        }

        @Test
        void shouldAcceptAKnownAnswerSignatureAndIgnoreTime() {
            WebhookVerifier github = verifier(WebhookScheme.GITHUB, "gh-secret", null);
            Map<String, List<String>> headers = Map.of("x-hub-signature-256", List.of(githubSignature("gh-secret",
                    BODY)));

            assertThat(github.verify(headers, utf8(BODY)).ok()).isTrue();
        }

        @Test
        void shouldNameEveryMissingOrMalformedPart() {
            WebhookVerifier github = verifier(WebhookScheme.GITHUB, "gh-secret", null);
            String good = githubSignature("gh-secret", BODY);

            assertThat(failure(github.verify(Map.of("X-Hub-Signature", List.of("sha1=" + "0".repeat(40))),
                    utf8(BODY)))).isEqualTo(VerificationFailure.MISSING_SIGNATURE);
            assertThat(failure(github.verify(Map.of("X-Hub-Signature-256", List.of(good.substring(7))), utf8(BODY))))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
            assertThat(failure(github.verify(Map.of("X-Hub-Signature-256", List.of("sha256=xyz")), utf8(BODY))))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
        }
    }

    @Nested
    class Shopify {

        @Test
        void shouldAcceptAKnownAnswerSignature() {
            WebhookVerifier shopify = verifier(WebhookScheme.SHOPIFY, "shpss_client_secret", null);
            Map<String, List<String>> headers = Map.of("X-Shopify-Hmac-SHA256", List.of(shopifySignature(
                    "shpss_client_secret", BODY)));

            assertThat(shopify.verify(headers, utf8(BODY)).ok()).isTrue();
            assertThat(failure(shopify.verify(headers, utf8(BODY.replace("001A", "001B")))))
                    .isEqualTo(VerificationFailure.SIGNATURE_MISMATCH);
        }

        @Test
        void shouldNameEveryMissingOrMalformedPart() {
            WebhookVerifier shopify = verifier(WebhookScheme.SHOPIFY, "shpss_client_secret", null);

            assertThat(failure(shopify.verify(Map.of(), utf8(BODY)))).isEqualTo(VerificationFailure.MISSING_SIGNATURE);
            assertThat(failure(shopify.verify(Map.of("X-Shopify-Hmac-Sha256", List.of("%%%")), utf8(BODY))))
                    .isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
            assertThat(failure(shopify.verify(Map.of("X-Shopify-Hmac-Sha256", List.of("0".repeat(64))), utf8(BODY))))
                    .as("hex is not Shopify's encoding").isEqualTo(VerificationFailure.MALFORMED_SIGNATURE);
        }
    }

    @Test
    void shouldRefuseSecretsNotOfTheSchemesFormWithoutQuotingThem() {
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookScheme.STANDARD_WEBHOOKS).secret("hunter2-hunter2")
                .build()).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookScheme.STANDARD_WEBHOOKS).secret("whsec_c2hvcnQ=")
                .build()).hasMessageContaining("24 bytes").hasMessageNotContaining("c2hvcnQ");
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookScheme.STRIPE).build())
                .hasMessageContaining("secret must not be empty");
        assertThatThrownBy(() -> WebhookVerifier.builder(WebhookScheme.STRIPE).secret("s").previousSecret("p")
                .tolerance(Duration.ofMillis(500)).build()).hasMessageContaining("tolerance");
    }

    @Test
    void shouldNotRenderSecretsInToString() {
        WebhookVerifier v = verifier(WebhookScheme.STRIPE, "whsec_visible_if_leaked", "whsec_old_if_leaked");

        assertThat(v.toString()).doesNotContain("leaked").contains("activeSecrets=2");
    }
}
