package io.aihub.it;

import io.aihub.routes.HubApplication;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Boots the real aihub application in this JVM on free loopback ports, with its data under a test folder,
 * pointed at a CRM the test owns (demo simulators off). Only the shipped {@code crm-account-churn} route runs, with
 * its connector and model ({@code aihub.routes.enabled}); a test that wants other routes sets those keys itself.
 */
final class HubHarness {

    /** The repository's shipped models, relative to this module. */
    static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

    final int corePort = freePort();
    final int amqpPort = freePort();
    final int stompPort = freePort();
    final int httpPort = freePort();
    /** The port of POST /webhooks/<route> ({@code camel.server.port}), never the default 8090. */
    final int webhookPort = freePort();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    HubHarness(Path dataDir, String crmUrl) {
        properties.put("aihub.dataDir", dataDir.toString());
        properties.put("aihub.broker.corePort", String.valueOf(corePort));
        properties.put("aihub.broker.amqpPort", String.valueOf(amqpPort));
        properties.put("aihub.broker.stompPort", String.valueOf(stompPort));
        properties.put("aihub.broker.mqttPort", "0");
        properties.put("camel.management.port", String.valueOf(httpPort));
        properties.put("camel.server.port", String.valueOf(webhookPort));
        properties.put("aihub.models.dir", MODELS.toString());
        properties.put("aihub.simulators.enabled", "false");
        properties.put("aihub.connector.crm.loginUrl", crmUrl);
        properties.put("aihub.routes.enabled", "crm-account-churn");
        properties.put("aihub.connectors", "crm");
        properties.put("aihub.models", "churn");
        // Poll again 0.5 s after an empty page instead of 5 s, so tests that change the source mid-run wait less.
        properties.put("aihub.route.crm-account-churn.idleDelay", "500");
        properties.putAll(TestBrokerUsers.properties());
    }

    HubHarness with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** Adds business systems (besides sales-ops) that read their own subscriber queues or hub events. */
    HubHarness withBusinessUsers(TestBrokerUsers.Business... users) {
        properties.putAll(TestBrokerUsers.properties(users));
        return this;
    }

    /** Drops a default of the harness (e.g. the broker password, for a test that supplies it another way). */
    HubHarness without(String key) {
        properties.remove(key);
        return this;
    }

    /** A new application over this harness' settings (not started). */
    HubApplication application() {
        return new HubApplication(properties, Optional.empty(),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
