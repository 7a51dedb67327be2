package io.aihub.connectors.portal.webhook;

import static io.aihub.connectors.portal.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.source.SourceRecord;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookEventParserTest {

    private static final String ACCOUNT = "{\"id\":\"0015g00000ABC\",\"Plan__c\":\"Pro\",\"NPS__c\":7,"
            + "\"Monthly_Spend__c\":612.5,\"Active\":true,\"Note\":null,\"Address\":{\"City\":\"Oslo\"}}";

    private static WebhookEventParser parser(WebhookScheme scheme) {
        return new WebhookEventParser("portal", scheme, "portal", "Account", "", "", "");
    }

    private static Map<String, List<String>> headers(String... pairs) {
        Map<String, List<String>> h = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            h.put(pairs[i], List.of(pairs[i + 1]));
        }
        return h;
    }

    private static void assertAccountRecord(SourceRecord r) {
        assertThat(r.system()).isEqualTo("portal");
        assertThat(r.entity()).isEqualTo("Account");
        assertThat(r.id()).isEqualTo("0015g00000ABC");
        assertThat(r.fields()).containsEntry("Plan__c", "Pro").containsEntry("NPS__c", 7L)
                .containsEntry("Monthly_Spend__c", 612.5).containsEntry("Active", true).containsEntry("Note", null)
                .containsEntry("Address", "{\"City\":\"Oslo\"}");
    }

    private static String rejectionCode(Runnable parse) {
        try {
            parse.run();
        } catch (WebhookRejectedException e) {
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.retriable()).isFalse();
            return e.code();
        }
        throw new AssertionError("expected a rejection");
    }

    @Test
    void shouldReadAStandardWebhooksEventKeyedByTheSignedWebhookId() {
        String body = "{\"type\":\"account.updated\",\"timestamp\":\"2026-01-05T08:00:00Z\",\"data\":" + ACCOUNT + "}";

        WebhookEvent e = parser(WebhookScheme.STANDARD_WEBHOOKS).parse(headers("Webhook-Id", "msg_1",
                "webhook-timestamp", "1767600000"), utf8(body));

        assertThat(e.dedupeKey()).isEqualTo("msg_1");
        assertThat(e.eventId()).isEqualTo("msg_1");
        assertThat(e.eventType()).isEqualTo("account.updated");
        assertThat(e.mode()).isEqualTo(CloudEventMode.NONE);
        assertAccountRecord(e.record());
        assertThat(e.record().version()).as("no versionPath: the event id").isEqualTo("msg_1");
        assertThat(e.record().modifiedAt()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(e.record().position().get(WebhookEvent.POSITION_KEY)).isEqualTo("msg_1");
    }

    @Test
    void shouldFallBackToTheSignedTimestampWhenAStandardWebhooksBodyHasNone() {
        WebhookEvent e = parser(WebhookScheme.STANDARD_WEBHOOKS).parse(headers("webhook-id", "msg_1",
                "webhook-timestamp", "1767600000"), utf8("{\"data\":" + ACCOUNT + "}"));

        assertThat(e.record().modifiedAt()).isEqualTo(Instant.ofEpochSecond(1767600000));
        assertThat(e.eventType()).isEmpty();
    }

    @Test
    void shouldReadAStripeEventKeyedByTheEventIdInTheBody() {
        String body = "{\"id\":\"evt_1Nx\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":1767600000,"
                + "\"data\":{\"object\":" + ACCOUNT + "}}";

        WebhookEvent e = parser(WebhookScheme.STRIPE).parse(headers("Stripe-Signature", "t=1,v1=00"), utf8(body));

        assertThat(e.dedupeKey()).isEqualTo("evt_1Nx");
        assertThat(e.eventType()).isEqualTo("customer.updated");
        assertAccountRecord(e.record());
        assertThat(e.record().modifiedAt()).isEqualTo(Instant.ofEpochSecond(1767600000));
    }

    @Test
    void shouldReadAGitHubDeliveryKeyedByTheDeliveryHeader() {
        WebhookEvent e = parser(WebhookScheme.GITHUB).parse(headers("X-GitHub-Delivery",
                "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-GitHub-Event", "account"), utf8(ACCOUNT));

        assertThat(e.dedupeKey()).isEqualTo("72d3162e-cc78-11e3-81ab-4c9367dc0958");
        assertThat(e.eventType()).isEqualTo("account");
        assertAccountRecord(e.record());
        assertThat(e.record().modifiedAt()).isNull();
    }

    @Test
    void shouldReadAShopifyWebhookKeyedByTheWebhookIdElseTheEventId() {
        WebhookEvent byWebhookId = parser(WebhookScheme.SHOPIFY).parse(headers("X-Shopify-Webhook-Id", "b54557e4",
                "X-Shopify-Event-Id", "98880550", "X-Shopify-Topic", "customers/update", "X-Shopify-Triggered-At",
                "2026-01-05T08:00:00.123456789Z"), utf8(ACCOUNT.replace("\"0015g00000ABC\"", "706405506930370084")));
        WebhookEvent byEventId = parser(WebhookScheme.SHOPIFY).parse(headers("X-Shopify-Event-Id", "98880550"),
                utf8(ACCOUNT));

        assertThat(byWebhookId.dedupeKey()).isEqualTo("b54557e4");
        assertThat(byWebhookId.eventType()).isEqualTo("customers/update");
        assertThat(byWebhookId.record().id()).as("a numeric id becomes text").isEqualTo("706405506930370084");
        assertThat(byWebhookId.record().modifiedAt()).isEqualTo(Instant.parse("2026-01-05T08:00:00.123456789Z"));
        assertThat(byEventId.dedupeKey()).isEqualTo("98880550");
    }

    @Test
    void shouldReadBothCloudEventsModesAlikeKeyedBySourceAndId() {
        Map<String, List<String>> binary = headers("ce-specversion", "1.0", "ce-id", "evt-42", "ce-source",
                "/portal/accounts", "ce-type", "com.example.portal.account.updated", "ce-time",
                "2026-01-05T09:00:00+01:00", "Content-Type", "application/json; charset=utf-8",
                "X-GitHub-Delivery", "ignored-for-cloudevents");
        String structured = "{\"specversion\":\"1.0\",\"id\":\"evt-42\",\"source\":\"/portal/accounts\","
                + "\"type\":\"com.example.portal.account.updated\",\"time\":\"2026-01-05T08:00:00Z\","
                + "\"datacontenttype\":\"application/json\",\"data\":" + ACCOUNT + "}";

        WebhookEvent b = parser(WebhookScheme.GITHUB).parse(binary, utf8(ACCOUNT));
        WebhookEvent s = parser(WebhookScheme.GITHUB).parse(headers("content-type",
                "application/cloudevents+json; charset=UTF-8"), utf8(structured));

        for (WebhookEvent e : List.of(b, s)) {
            assertThat(e.dedupeKey()).isEqualTo("/portal/accounts evt-42");
            assertThat(e.eventId()).isEqualTo("evt-42");
            assertThat(e.eventType()).isEqualTo("com.example.portal.account.updated");
            assertThat(e.record().modifiedAt()).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
            assertAccountRecord(e.record());
        }
        assertThat(b.mode()).isEqualTo(CloudEventMode.BINARY);
        assertThat(s.mode()).isEqualTo(CloudEventMode.STRUCTURED);
        assertThat(b.record()).isEqualTo(s.record());
    }

    @Test
    void shouldPercentDecodeBinaryModeHeaders() {
        WebhookEvent e = parser(WebhookScheme.STRIPE).parse(headers("ce-specversion", "1.0", "ce-id", "evt%2042",
                "ce-source", "/portal", "ce-type", "caf%C3%A9.updated"), utf8(ACCOUNT));

        assertThat(e.eventId()).isEqualTo("evt 42");
        assertThat(e.eventType()).isEqualTo("café.updated");
    }

    @Test
    void shouldKeepTheSignedWebhookIdAsKeyForACloudEventSignedWithStandardWebhooks() {
        WebhookEvent e = parser(WebhookScheme.STANDARD_WEBHOOKS).parse(headers("webhook-id", "msg_7",
                "ce-specversion", "1.0", "ce-id", "evt-42", "ce-source", "/portal", "ce-type", "t"), utf8(ACCOUNT));

        assertThat(e.dedupeKey()).isEqualTo("msg_7");
        assertThat(e.record().id()).isEqualTo("0015g00000ABC");
    }

    @Test
    void shouldReadConfiguredPaths() {
        WebhookEventParser custom = new WebhookEventParser("portal", WebhookScheme.GITHUB, "crm-portal", "Ticket",
                "/ticket/number", "/ticket/updated_at", "/ticket");
        String body = "{\"action\":\"created\",\"ticket\":{\"number\":1234,\"updated_at\":\"2026-01-05T08:00:00Z\","
                + "\"Priority\":\"High\"}}";

        SourceRecord r = custom.parse(headers("X-GitHub-Delivery", "d-1"), utf8(body)).record();

        assertThat(r.system()).isEqualTo("crm-portal");
        assertThat(r.entity()).isEqualTo("Ticket");
        assertThat(r.id()).isEqualTo("1234");
        assertThat(r.version()).isEqualTo("2026-01-05T08:00:00Z");
        assertThat(r.fields()).containsEntry("Priority", "High").containsKey("number");
    }

    @Test
    void shouldSelectTheWholePayloadWithASlash() {
        WebhookEventParser whole = new WebhookEventParser("portal", WebhookScheme.STRIPE, "portal", "Account",
                "/id", "", "/");

        SourceRecord r = whole.parse(headers(), utf8(ACCOUNT.replace("\"id\":\"0015g00000ABC\"",
                "\"id\":\"evt_9\""))).record();

        assertThat(r.id()).isEqualTo("evt_9");
        assertThat(r.fields()).containsKey("Plan__c");
    }

    @Test
    void shouldRejectBadBodiesWithSpecificCodes() {
        WebhookEventParser github = parser(WebhookScheme.GITHUB);
        Map<String, List<String>> delivery = headers("X-GitHub-Delivery", "d-1");

        assertThat(rejectionCode(() -> github.parse(delivery, utf8("{\"id\": 1,")))).isEqualTo(
                WebhookRejectedException.MALFORMED_JSON);
        assertThat(rejectionCode(() -> github.parse(delivery, new byte[0])))
                .isEqualTo(WebhookRejectedException.MALFORMED_JSON);
        assertThat(rejectionCode(() -> github.parse(delivery, utf8("{\"id\":\"1\"} trailing"))))
                .isEqualTo(WebhookRejectedException.MALFORMED_JSON);
        assertThat(rejectionCode(() -> github.parse(headers(), utf8(ACCOUNT))))
                .isEqualTo(WebhookRejectedException.MISSING_DELIVERY_ID);
        assertThat(rejectionCode(() -> github.parse(headers("X-GitHub-Delivery", "x".repeat(256)), utf8(ACCOUNT))))
                .isEqualTo(WebhookRejectedException.MISSING_DELIVERY_ID);
        assertThat(rejectionCode(() -> parser(WebhookScheme.STRIPE).parse(headers(), utf8("{\"data\":{\"object\":"
                + ACCOUNT + "}}")))).isEqualTo(WebhookRejectedException.MISSING_DELIVERY_ID);
        assertThat(rejectionCode(() -> github.parse(delivery, utf8("{\"name\":\"no id\"}"))))
                .isEqualTo(WebhookRejectedException.MISSING_RECORD_ID);
        assertThat(rejectionCode(() -> github.parse(delivery, utf8("{\"id\":1.5}"))))
                .isEqualTo(WebhookRejectedException.MISSING_RECORD_ID);
        assertThat(rejectionCode(() -> github.parse(delivery, utf8("[1,2]"))))
                .isEqualTo(WebhookRejectedException.MISSING_RECORD_ID);
        assertThat(rejectionCode(() -> new WebhookEventParser("portal", WebhookScheme.GITHUB, "p", "A", "", "/v", "")
                .parse(delivery, utf8(ACCOUNT)))).isEqualTo(WebhookRejectedException.MISSING_VERSION);
        assertThat(rejectionCode(() -> new WebhookEventParser("portal", WebhookScheme.GITHUB, "p", "A", "", "",
                "/Plan__c").parse(delivery, utf8(ACCOUNT)))).isEqualTo(WebhookRejectedException.FIELDS_NOT_AN_OBJECT);
    }

    @Test
    void shouldRejectInvalidCloudEventsAndBatches() {
        WebhookEventParser p = parser(WebhookScheme.SHOPIFY);
        String envelope = "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/s\",\"type\":\"t\",\"data\":" + ACCOUNT
                + "}";
        Map<String, List<String>> structured = headers("Content-Type", "application/cloudevents+json");

        assertThat(rejectionCode(() -> p.parse(headers("Content-Type", "application/cloudevents-batch+json"),
                utf8("[" + envelope + "]")))).isEqualTo(WebhookRejectedException.CLOUDEVENTS_BATCH_UNSUPPORTED);
        assertThat(rejectionCode(() -> p.parse(structured, utf8(envelope.replace("1.0", "0.3")))))
                .isEqualTo(WebhookRejectedException.INVALID_CLOUDEVENT);
        assertThat(rejectionCode(() -> p.parse(structured, utf8(envelope.replace("\"id\":\"e\",", "")))))
                .isEqualTo(WebhookRejectedException.INVALID_CLOUDEVENT);
        assertThat(rejectionCode(() -> p.parse(structured, utf8(envelope.replace("\"/s\"", "\"/a b\"")))))
                .isEqualTo(WebhookRejectedException.INVALID_CLOUDEVENT);
        assertThat(rejectionCode(() -> p.parse(structured, utf8(envelope.replace("\"type\":\"t\"",
                "\"type\":\"t\",\"time\":\"yesterday\""))))).isEqualTo(WebhookRejectedException.INVALID_CLOUDEVENT);
        assertThat(rejectionCode(() -> p.parse(structured, utf8("[]"))))
                .isEqualTo(WebhookRejectedException.INVALID_CLOUDEVENT);
        assertThat(rejectionCode(() -> p.parse(structured, utf8(envelope.replace("\"data\":" + ACCOUNT,
                "\"data_base64\":\"e30=\""))))).isEqualTo(WebhookRejectedException.UNSUPPORTED_CONTENT_TYPE);
        assertThat(rejectionCode(() -> p.parse(structured, utf8(envelope.replace("\"type\":\"t\"",
                "\"type\":\"t\",\"datacontenttype\":\"text/xml\""))))).isEqualTo(
                        WebhookRejectedException.UNSUPPORTED_CONTENT_TYPE);
        assertThat(rejectionCode(() -> p.parse(headers("Content-Type", "application/cloudevents+xml"),
                utf8("<x/>")))).isEqualTo(WebhookRejectedException.UNSUPPORTED_CONTENT_TYPE);
        assertThat(rejectionCode(() -> p.parse(headers("ce-specversion", "1.0", "ce-source", "/s", "ce-type", "t"),
                utf8(ACCOUNT)))).isEqualTo(WebhookRejectedException.INVALID_CLOUDEVENT);
        assertThat(rejectionCode(() -> p.parse(headers("ce-specversion", "1.0", "ce-id", "bad%zz", "ce-source", "/s",
                "ce-type", "t"), utf8(ACCOUNT)))).isEqualTo(WebhookRejectedException.INVALID_CLOUDEVENT);
        assertThat(rejectionCode(() -> p.parse(headers("ce-specversion", "1.0", "ce-id", "e", "ce-source", "/s",
                "ce-type", "t", "Content-Type", "text/plain"), utf8(ACCOUNT))))
                .isEqualTo(WebhookRejectedException.UNSUPPORTED_CONTENT_TYPE);
    }

    @Test
    void shouldNeverQuoteTheBodyInARejection() {
        String secretish = "{\"id\": \"4111-1111-1111-1111\", oops}";

        assertThatThrownBy(() -> parser(WebhookScheme.GITHUB).parse(headers("X-GitHub-Delivery", "d"),
                utf8(secretish))).isInstanceOf(WebhookRejectedException.class).hasMessageNotContaining("4111")
                .hasMessageContaining("portal");
    }

    @Test
    void shouldRejectPathsThatAreNotJsonPointers() {
        assertThatThrownBy(() -> new WebhookEventParser("portal", WebhookScheme.GITHUB, "p", "A", "data.id", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
