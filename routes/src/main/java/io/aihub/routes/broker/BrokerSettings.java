package io.aihub.routes.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Settings of the embedded broker. A port of 0 disables that protocol's acceptor.
 *
 * @param dataDir            journal, bindings, paging and large-message folders live below it
 * @param host               the interface acceptors bind to (127.0.0.1 by default)
 * @param corePort           CORE (JMS) acceptor port
 * @param amqpPort           AMQP 1.0 acceptor port
 * @param stompPort          STOMP acceptor port
 * @param mqttPort           MQTT acceptor port
 * @param maxDeliveryAttempts deliveries before a message moves to the dead-letter address
 * @param idCacheSize        duplicate-detection ids remembered per address (persisted)
 * @param maxDiskUsagePercent the broker blocks producers above this disk usage
 * @param security           users, permissions and TLS
 */
public record BrokerSettings(Path dataDir, String host, int corePort, int amqpPort, int stompPort, int mqttPort,
        int maxDeliveryAttempts, int idCacheSize, int maxDiskUsagePercent, BrokerSecurity security) {

    /** Settings with the default security: the hub user with a generated password, no business users, no TLS. */
    public BrokerSettings(Path dataDir, String host, int corePort, int amqpPort, int stompPort, int mqttPort,
            int maxDeliveryAttempts, int idCacheSize, int maxDiskUsagePercent) {
        this(dataDir, host, corePort, amqpPort, stompPort, mqttPort, maxDeliveryAttempts, idCacheSize,
                maxDiskUsagePercent, BrokerSecurity.defaults());
    }

    public BrokerSettings {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(host, "host");
        for (int port : new int[] {corePort, amqpPort, stompPort, mqttPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("broker port out of range: " + port);
            }
        }
        if (maxDeliveryAttempts < 1) {
            throw new IllegalArgumentException("maxDeliveryAttempts must be at least 1");
        }
        if (idCacheSize < 1000) {
            throw new IllegalArgumentException("idCacheSize must be at least 1000 to cover the pages in flight");
        }
        if (maxDiskUsagePercent < 10 || maxDiskUsagePercent > 100) {
            throw new IllegalArgumentException("maxDiskUsagePercent must be between 10 and 100");
        }
    }
}
