package io.aihub.connectors.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookHeaderAllowListTest {

    @ParameterizedTest
    @ValueSource(strings = {"CamelJmsDestinationName", "cAmElJmsDestinationName", "camelBeanMethodName",
        "CAMELFILENAME", "CamelHttpUri", "org.apache.camel.Evil", "ORG.APACHE.CAMEL.X", " CamelFileName",
        "X-Other", "Authorization", "Cookie", "Host", "ce-", "ce-Ünïcode", "ce-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void shouldKeepOutEverythingElse(String name) {
        assertThat(WebhookHeaderAllowList.allows(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Type", "content-type", "webhook-id", "Webhook-Signature", "webhook-timestamp",
        "Stripe-Signature", "X-Hub-Signature-256", "X-GitHub-Delivery", "X-GitHub-Event", "X-Shopify-Hmac-Sha256",
        "X-Shopify-Webhook-Id", "X-Shopify-Event-Id", "X-Shopify-Topic", "X-Shopify-Triggered-At", "ce-id",
        "ce-specversion", "CE-Source", "ce-traceparent"})
    void shouldLetTheSchemesHeadersIn(String name) {
        assertThat(WebhookHeaderAllowList.allows(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"CamelX", "cAMEL", "camel", "org.apache.camelX"})
    void shouldRecogniseCamelHeadersInAnyCase(String name) {
        assertThat(WebhookHeaderAllowList.isCamelHeader(name)).isTrue();
    }
}
