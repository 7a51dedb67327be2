package io.aihub.routes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aihub.routes.broker.MapPropertySource;
import io.aihub.routes.config.HubSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database opens on its own thread while the broker starts and the models load; a start that fails on
 * either side still stops whatever the other side started.
 */
class HubRuntimeStartFailureIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldCloseTheDatabaseWhenTheStartFailsWhileItOpens() throws Exception {
        Map<String, String> properties = properties(freePort());
        properties.put("aihub.connectors", "broken");
        properties.put("aihub.connector.broken.type", "no-such-type");

        assertThatThrownBy(() -> HubRuntime.start(HubSettings.from(MapPropertySource.of(properties)), "test", v -> v))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown type 'no-such-type'");

        await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("aihub-db")));
    }

    @Test
    void shouldStopTheBrokerWhenTheDatabaseDoesNotOpen() throws Exception {
        int corePort = freePort();
        Map<String, String> properties = properties(corePort);
        properties.put("aihub.db.url", "jdbc:no-such-driver:aihub");

        assertThatThrownBy(() -> HubRuntime.start(HubSettings.from(MapPropertySource.of(properties)), "test", v -> v))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("jdbc:no-such-driver");

        try (ServerSocket again = new ServerSocket(corePort, 1, InetAddress.getLoopbackAddress())) {
            again.setReuseAddress(true);
        }
    }

    private Map<String, String> properties(int corePort) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aihub.dataDir", dataDir.toString());
        properties.put("aihub.broker.corePort", String.valueOf(corePort));
        properties.put("aihub.broker.amqpPort", "0");
        properties.put("aihub.broker.stompPort", "0");
        properties.put("aihub.broker.mqttPort", "0");
        properties.put("aihub.models", "");
        return properties;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
