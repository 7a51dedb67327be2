package io.aihub.connectors.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.aihub.simulators.portal.PortalDelivery;
import io.aihub.simulators.portal.PortalDelivery.CloudEventsMode;
import io.aihub.simulators.portal.PortalDelivery.SigningKey;
import io.aihub.simulators.portal.PortalEventGenerator;
import io.aihub.simulators.portal.PortalSigningScheme;
import io.aihub.simulators.portal.PortalWebhookSender;
import io.aihub.simulators.portal.PortalWebhookSender.Sent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The portal sender against a tiny receiver built from the connector's classes the way the hub will use them:
 * every mode of the sender, and the set of accepted delivery ids must be exactly the distinct valid sends.
 */
class PortalWebhookSenderIT {

    private static final String WHSEC_NEW = "whsec_" + Base64.getEncoder()
            .encodeToString("portal-new-secret-portal-new-sec".getBytes(StandardCharsets.UTF_8));
    private static final String WHSEC_OLD = "whsec_" + Base64.getEncoder()
            .encodeToString("portal-old-secret-portal-old-sec".getBytes(StandardCharsets.UTF_8));

    private HttpServer server;
    /** Every event "published to the broker", in order; a duplicate would show twice. */
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rejections = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI start(WebhookEndpoint endpoint) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhooks/portal", exchange -> handle(endpoint, exchange));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/portal");
    }

    /** What the hub's endpoint does, with a list standing in for the broker. */
    private void handle(WebhookEndpoint endpoint, HttpExchange exchange) throws IOException {
        int status;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) endpoint.maxBodyBytes() + 1);
            Map<String, List<String>> headers = new HashMap<>(exchange.getRequestHeaders());
            WebhookEvent event = endpoint.receive(headers, body);
            if (endpoint.deduplicator().alreadyAccepted(event.dedupeKey())) {
                status = 200;
            } else {
                published.add(event.eventId());
                endpoint.deduplicator().recordAccepted(event.dedupeKey());
                status = 202;
            }
        } catch (WebhookRejectedException e) {
            rejections.add(e.code());
            status = e.httpStatus();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @ParameterizedTest
    @EnumSource(PortalSigningScheme.class)
    void shouldAcceptExactlyTheDistinctValidSendsInEveryMode(PortalSigningScheme scheme) throws Exception {
        boolean standard = scheme == PortalSigningScheme.STANDARD_WEBHOOKS;
        String current = standard ? WHSEC_NEW : "portal-new-secret";
        String previous = standard ? WHSEC_OLD : "portal-old-secret";
        String schemeName = scheme.name().toLowerCase(Locale.ROOT).replace('_', '-');
        WebhookEndpoint endpoint = new WebhookConnector().createEndpoint("portal", Map.of("scheme", schemeName,
                "secret", current, "previousSecret", previous));
        PortalWebhookSender sender = new PortalWebhookSender(start(endpoint), scheme, current, previous,
                Clock.systemUTC());
        PortalEventGenerator events = new PortalEventGenerator(20260105);
        PortalDelivery normal = PortalDelivery.normal();
        Set<String> expected = new HashSet<>();
        int index = 0;

        Sent plain = sender.send(events.event(index++), normal);
        Sent binary = sender.send(events.event(index++), normal.as(CloudEventsMode.BINARY));
        Sent structured = sender.send(events.event(index++), normal.as(CloudEventsMode.STRUCTURED));
        Sent previousKey = sender.send(events.event(index++), normal.signedWith(SigningKey.PREVIOUS));
        Sent bothKeys = sender.send(events.event(index++), normal.signedWith(SigningKey.BOTH)
                .as(CloudEventsMode.STRUCTURED));
        for (Sent valid : List.of(plain, binary, structured, previousKey, bothKeys)) {
            assertThat(valid.status()).as("%s %s", valid.eventId(), valid.delivery()).isEqualTo(202);
            expected.add(valid.eventId());
        }

        assertThat(sender.resend(plain).status()).as("a retry").isEqualTo(200);
        assertThat(sender.replay(binary).status()).as("a replay within the tolerance").isEqualTo(200);
        assertThat(sender.resend(structured).status()).isEqualTo(200);

        assertThat(sender.send(events.event(index++), normal.tampered()).status()).isEqualTo(401);
        assertThat(sender.send(events.event(index++), normal.tampered().as(CloudEventsMode.BINARY)).status())
                .isEqualTo(401);
        assertThat(sender.send(events.event(index++), normal.signedWith(SigningKey.UNKNOWN)).status()).isEqualTo(401);

        Sent stale = sender.send(events.event(index++), normal.stale(Duration.ofMinutes(10)));
        if (scheme.signsTimestamp()) {
            assertThat(stale.status()).as("a stale signed timestamp").isEqualTo(401);
        } else {
            // GitHub and Shopify sign no timestamp: a late delivery is authentic, and dedupe is the defence.
            assertThat(stale.status()).isEqualTo(202);
            expected.add(stale.eventId());
        }
        Sent tamperedRetry = sender.send(plain.event(), plain.delivery().tampered());
        assertThat(tamperedRetry.status()).isEqualTo(401);

        assertThat(published).doesNotHaveDuplicates();
        assertThat(Set.copyOf(published)).isEqualTo(expected);
        assertThat(rejections).contains("WEBHOOK_SIGNATURE_MISMATCH").allMatch(code -> code.startsWith("WEBHOOK_"));
        if (scheme.signsTimestamp()) {
            assertThat(rejections).contains("WEBHOOK_TIMESTAMP_OUTSIDE_TOLERANCE");
        }
    }
}
