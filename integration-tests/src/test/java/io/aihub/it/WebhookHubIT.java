package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.Addresses;
import io.aihub.simulators.portal.PortalDelivery;
import io.aihub.simulators.portal.PortalDelivery.CloudEventsMode;
import io.aihub.simulators.portal.PortalDelivery.SigningKey;
import io.aihub.simulators.portal.PortalEvent;
import io.aihub.simulators.portal.PortalEventGenerator;
import io.aihub.simulators.portal.PortalSigningScheme;
import io.aihub.simulators.portal.PortalWebhookSender;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signed webhooks into the running hub (examples/portal profile): only correctly signed, fresh events are
 * accepted (with the old secret too during a rotation), a resent delivery is answered 200 and scored once,
 * CloudEvents binary and structured modes are accepted, and every 202 comes after the event is on the broker.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WebhookHubIT {

    private static final String ROUTE = "portal-account-churn";
    private static final String SECRET = "whsec_YWlodWItZGVtby1wb3J0YWwtc2lnbmluZy1zZWNyZXQ=";
    /** The portal example profile the webhook tests run the hub on. */
    static final Path PORTAL_PROFILE = Path.of("..", "examples", "portal", "aihub.properties").toAbsolutePath()
            .normalize();
    static final String OLD_SECRET = "whsec_b2xkLWRlbW8tcG9ydGFsLXNpZ25pbmctc2VjcmV0LTI=";

    @TempDir
    Path dataDir;

    /**
     * The hub settings of the portal profile on free loopback ports, its data under {@code dataDir}, webhooks on
     * {@code httpPort}, the demo portal silent and the previous signing secret {@link #OLD_SECRET} accepted.
     */
    static Map<String, String> portalHubProperties(Path dataDir, int httpPort) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("aihub.dataDir", dataDir.toString());
        props.put("aihub.broker.corePort", String.valueOf(HubHarness.freePort()));
        props.put("aihub.broker.amqpPort", "0");
        props.put("aihub.broker.stompPort", "0");
        props.put("aihub.broker.mqttPort", "0");
        props.put("camel.management.port", String.valueOf(HubHarness.freePort()));
        props.put("camel.server.port", String.valueOf(httpPort));
        props.put("aihub.models.dir", HubHarness.MODELS.toString());
        props.put("aihub.simulators.portal.events", "0");
        props.put("aihub.connector.portal.previousSecret", OLD_SECRET);
        return props;
    }

    @Test
    void acceptsExactlyTheValidDeliveriesAndAnswersOnlyAfterTheBrokerHasThem() throws Exception {
        int httpPort = HubHarness.freePort();
        Map<String, String> props = portalHubProperties(dataDir, httpPort);
        HubApplication app = new HubApplication(props, Optional.of(PORTAL_PROFILE),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        app.start();
        try {
            PortalWebhookSender portal = new PortalWebhookSender(
                    URI.create("http://127.0.0.1:" + httpPort + "/webhooks/" + ROUTE),
                    PortalSigningScheme.STANDARD_WEBHOOKS, SECRET, OLD_SECRET, Clock.systemUTC());
            PortalEventGenerator generator = new PortalEventGenerator(7);
            String queue = Addresses.subscriberQueue(ROUTE, "customer-success");
            Set<String> accepted = new HashSet<>();
            Map<String, Integer> statuses = new HashMap<>();
            for (int i = 0; i < 60; i++) {
                PortalEvent event = generator.event(i);
                PortalDelivery delivery = switch (i % 6) {
                    case 0 -> PortalDelivery.normal();
                    case 1 -> PortalDelivery.normal().as(CloudEventsMode.BINARY);
                    case 2 -> PortalDelivery.normal().as(CloudEventsMode.STRUCTURED).signedWith(SigningKey.PREVIOUS);
                    case 3 -> PortalDelivery.normal().tampered();
                    case 4 -> PortalDelivery.normal().stale(Duration.ofMinutes(10));
                    default -> PortalDelivery.normal().signedWith(SigningKey.UNKNOWN);
                };
                PortalWebhookSender.Sent sent = portal.send(event, delivery);
                statuses.merge(i % 6 + ":" + sent.status(), 1, Integer::sum);
                if (sent.status() == 202) {
                    accepted.add(event.recordId());
                    assertThat(app.runtime().embeddedBroker().orElseThrow().pendingMessages(queue))
                            .as("events on the customer-success queue when delivery %d was answered", i)
                            .isEqualTo(accepted.size());
                    assertThat(portal.resend(sent).status()).as("a resent delivery").isEqualTo(200);
                }
            }
            assertThat(statuses).containsOnly(Map.entry("0:202", 10), Map.entry("1:202", 10), Map.entry("2:202", 10),
                    Map.entry("3:401", 10), Map.entry("4:401", 10), Map.entry("5:401", 10));
            assertThat(app.awaitIdle(Duration.ofMinutes(1))).isTrue();
            Map<String, Integer> rows = new HashMap<>();
            try (Connection c = app.runtime().database().connection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT record_id, COUNT(*) FROM predictions GROUP BY record_id")) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getInt(2));
                }
            }
            assertThat(rows.keySet()).isEqualTo(accepted);
            assertThat(rows.values()).allMatch(n -> n == 1);
            assertThat(app.totals().summaryLine()).isEqualTo("summary: pulled=30 scored=30 published=30 "
                    + "written_back=0 bi_rows=30 dead_lettered=0");
        } finally {
            app.stop();
        }
    }
}
