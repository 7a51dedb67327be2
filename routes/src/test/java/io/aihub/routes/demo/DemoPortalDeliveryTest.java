package io.aihub.routes.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.aihub.simulators.portal.PortalSigningScheme;
import io.aihub.simulators.portal.PortalWebhookSender;
import io.aihub.simulators.portal.TicketGenerator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Regression: under load a delivery of the demo portal timed out, the exception ended the whole sender, and
 * {@code run --once} finished with 31 of 300 tickets. A delivery that fails on the connection now counts as "try
 * again" (-1), like a 503.
 */
class DemoPortalDeliveryTest {

    @Test
    void aDeliveryWhoseConnectionBreaksIsReportedForRetryInsteadOfStoppingTheSender() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (requests.incrementAndGet() == 1) {
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try {
            String secret = "whsec_YWlodWItZGVtby10aWNrZXQtcG9ydGFsLXNpZ25pbmcta2V5";
            PortalWebhookSender portal = new PortalWebhookSender(URI.create("http://127.0.0.1:"
                    + server.getAddress().getPort() + "/webhooks/t"), PortalSigningScheme.STANDARD_WEBHOOKS,
                    secret, secret, Clock.systemUTC());
            var ticket = new TicketGenerator(1).event(0);

            assertThat(DemoSimulators.deliver(portal, ticket)).isEqualTo(-1);
            assertThat(DemoSimulators.deliver(portal, ticket)).isEqualTo(202);
        } finally {
            server.stop(0);
        }
    }
}
