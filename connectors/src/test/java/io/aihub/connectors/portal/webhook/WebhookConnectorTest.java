package io.aihub.connectors.portal.webhook;

import static io.aihub.connectors.portal.webhook.TestSignatures.WHSEC;
import static io.aihub.connectors.portal.webhook.TestSignatures.githubSignature;
import static io.aihub.connectors.portal.webhook.TestSignatures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.error.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookConnectorTest {

    private final WebhookConnector connector = new WebhookConnector();

    @Test
    void shouldDocumentEveryKey() {
        assertThat(connector.type()).isEqualTo("webhook");
        assertThat(connector.config().keys()).extracting(ConfigKey::name).containsExactly("scheme", "secret",
                "previousSecret", "tolerance", "system", "entity", "recordIdPath", "versionPath", "fieldsPath",
                "maxBodyBytes", "dedupeWindow", "dedupeMaxEntries", "rateLimit", "rateBurst", "clientHeader");
        assertThat(connector.config().keys()).allSatisfy(k -> assertThat(k.doc()).hasSizeGreaterThan(20));
    }

    @Test
    void shouldBuildAnEndpointWithDefaults() {
        WebhookEndpoint endpoint = connector.createEndpoint("portal", Map.of("scheme", "standard-webhooks",
                "secret", WHSEC));

        assertThat(endpoint.name()).isEqualTo("portal");
        assertThat(endpoint.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(endpoint.verifier().scheme()).isEqualTo(WebhookScheme.STANDARD_WEBHOOKS);
        assertThat(endpoint.verifier().tolerance()).isEqualTo(Duration.ofSeconds(300));
        assertThat(endpoint.verifier().activeSecrets()).isEqualTo(1);
        assertThat(endpoint.deduplicator()).isInstanceOf(InMemoryDeliveryDeduplicator.class);
    }

    @Test
    void shouldListEveryProblemAtOnceWithoutQuotingSecrets() {
        Map<String, String> config = new HashMap<>();
        config.put("scheme", "standard-webhooks");
        config.put("secret", "hunter2-is-not-whsec");
        config.put("previousSecret", "whsec_c2hvcnQ=");
        config.put("tolerance", "0s");
        config.put("recordIdPath", "data.id");
        config.put("maxBodyBytes", "0");
        config.put("dedupeMaxEntries", "many");
        config.put("colour", "blue");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> connector.createEndpoint("portal", config));

        assertThat(e.problems()).hasSize(7);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("unknown key 'colour'"))
                .anySatisfy(p -> assertThat(p).contains("'secret'").contains("whsec_"))
                .anySatisfy(p -> assertThat(p).contains("'previousSecret'").contains("24 bytes"))
                .anySatisfy(p -> assertThat(p).contains("'tolerance'"))
                .anySatisfy(p -> assertThat(p).contains("'recordIdPath'").contains("JSON Pointer"))
                .anySatisfy(p -> assertThat(p).contains("'maxBodyBytes'"))
                .anySatisfy(p -> assertThat(p).contains("'dedupeMaxEntries'"));
        assertThat(e.getMessage()).contains("webhook connector 'portal'").doesNotContain("hunter2")
                .doesNotContain("c2hvcnQ");
    }

    @Test
    void shouldRequireASchemeAndASecret() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> connector.createEndpoint("portal", Map.of()));

        assertThat(e.problems()).hasSize(2).anySatisfy(p -> assertThat(p).contains("'scheme'"))
                .anySatisfy(p -> assertThat(p).contains("'secret'"));
        assertThatThrownBy(() -> connector.createEndpoint("portal", Map.of("scheme", "svix", "secret", "s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("standard-webhooks, stripe, github or shopify");
    }

    @Test
    void shouldRejectBodiesOverTheLimitWith413BeforeVerifying() {
        WebhookEndpoint endpoint = connector.createEndpoint("portal", Map.of("scheme", "github", "secret", "gh",
                "maxBodyBytes", "16"));
        String body = "{\"id\":\"0015g00000ABC\"}";

        WebhookRejectedException e = catchThrowableOfType(WebhookRejectedException.class,
                () -> endpoint.receive(Map.of("X-Hub-Signature-256", List.of(githubSignature("gh", body))),
                        utf8(body)));

        assertThat(e.httpStatus()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("WEBHOOK_BODY_TOO_LARGE");
    }

    @Test
    void shouldAnswer401ForABadSignatureAnd400ForABadVerifiedBody() {
        WebhookEndpoint endpoint = connector.createEndpoint("portal", Map.of("scheme", "github", "secret", "gh"));
        String body = "{\"name\":\"no id here\"}";
        Map<String, List<String>> signed = Map.of("X-Hub-Signature-256", List.of(githubSignature("gh", body)),
                "X-GitHub-Delivery", List.of("d-1"));

        WebhookRejectedException unsigned = catchThrowableOfType(WebhookRejectedException.class,
                () -> endpoint.receive(Map.of("X-GitHub-Delivery", List.of("d-1")), utf8(body)));
        WebhookRejectedException noId = catchThrowableOfType(WebhookRejectedException.class,
                () -> endpoint.receive(signed, utf8(body)));

        assertThat(unsigned.httpStatus()).isEqualTo(401);
        assertThat(unsigned.code()).isEqualTo("WEBHOOK_MISSING_SIGNATURE");
        assertThat(noId.httpStatus()).isEqualTo(400);
        assertThat(noId.code()).isEqualTo(WebhookRejectedException.MISSING_RECORD_ID);
    }

    @Test
    void shouldReceiveAVerifiedEvent() {
        WebhookEndpoint endpoint = connector.createEndpoint("portal", Map.of("scheme", "github", "secret", "gh",
                "previousSecret", "gh-old", "entity", "Customer"));
        String body = "{\"id\":\"0015g00000ABC\",\"Plan__c\":\"Pro\"}";

        WebhookEvent event = endpoint.receive(Map.of("X-Hub-Signature-256", List.of(githubSignature("gh-old", body)),
                "X-GitHub-Delivery", List.of("d-1")), utf8(body));

        assertThat(event.dedupeKey()).isEqualTo("d-1");
        assertThat(event.record().entity()).isEqualTo("Customer");
        assertThat(event.record().fields()).containsEntry("Plan__c", "Pro");
    }
}
