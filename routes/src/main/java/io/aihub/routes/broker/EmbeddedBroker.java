package io.aihub.routes.broker;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerAddressPlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Artemis broker inside the hub process: persistent journal, acceptors for CORE, AMQP, STOMP and MQTT,
 * duplicate detection, and a dead-letter and expiry address for every address. No address ever drops
 * messages: when full it pages to disk, and past the page limit it refuses sends so producers see it.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long MAX_SIZE_BYTES = 64L * 1024 * 1024;
    private static final long PAGE_LIMIT_BYTES = 2L * 1024 * 1024 * 1024;

    private final BrokerSettings settings;
    private final String inVmUrl;
    private EmbeddedActiveMQ embedded;

    public EmbeddedBroker(BrokerSettings settings, int inVmId) {
        this.settings = settings;
        this.inVmUrl = "vm://" + inVmId;
    }

    /** The URL a client in this process connects with. */
    public String inVmUrl() {
        return inVmUrl;
    }

    public synchronized void start() throws Exception {
        if (embedded != null) {
            return;
        }
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration());
        broker.start();
        embedded = broker;
        ActiveMQServer server = broker.getActiveMQServer();
        for (SimpleString address : server.getPostOffice().getAddresses()) {
            Addresses.routeOf(address.toString()).ifPresent(route -> applyRouteSettings(server, route));
        }
        LOG.info("AIHUB-BROKER-0001 embedded broker started: data={}, acceptors={}", settings.dataDir(),
                acceptorUrls().values());
    }

    /**
     * Declares a route's addresses: the multicast predictions address with one durable queue per subscriber,
     * and the route's dead-letter address and queue. Idempotent; safe at every start.
     */
    public void declareRoute(String routeId, Iterable<String> subscribers) throws Exception {
        ActiveMQServer server = server();
        String predictions = Addresses.predictions(routeId);
        String dlq = Addresses.deadLetter(routeId);
        applyRouteSettings(server, routeId);
        ensureAddress(server, dlq, RoutingType.ANYCAST);
        ensureQueue(server, QueueConfiguration.of(dlq).setAddress(dlq).setRoutingType(RoutingType.ANYCAST));
        String replay = Addresses.replay(routeId);
        ensureAddress(server, replay, RoutingType.ANYCAST);
        ensureQueue(server, QueueConfiguration.of(replay).setAddress(replay).setRoutingType(RoutingType.ANYCAST));
        ensureAddress(server, predictions, RoutingType.MULTICAST);
        for (String subscriber : subscribers) {
            String queue = Addresses.subscriberQueue(routeId, subscriber);
            ensureQueue(server, QueueConfiguration.of(queue).setAddress(predictions)
                    .setRoutingType(RoutingType.MULTICAST));
        }
    }

    /** Messages waiting or being delivered on a queue, or -1 when there is no such queue. */
    public long pendingMessages(String queueName) {
        var queue = server().locateQueue(SimpleString.of(queueName));
        return queue == null ? -1 : queue.getMessageCount() + queue.getDeliveringCount();
    }

    public ActiveMQServer server() {
        EmbeddedActiveMQ broker = embedded;
        if (broker == null) {
            throw new IllegalStateException("embedded broker is not started");
        }
        return broker.getActiveMQServer();
    }

    @Override
    public synchronized void close() {
        if (embedded == null) {
            return;
        }
        try {
            embedded.stop();
            LOG.info("AIHUB-BROKER-0002 embedded broker stopped");
        } catch (Exception e) {
            LOG.warn("AIHUB-BROKER-0003 embedded broker did not stop cleanly: {}", e.toString());
        } finally {
            embedded = null;
        }
    }

    private Configuration configuration() throws Exception {
        var dir = settings.dataDir().toAbsolutePath();
        Configuration config = new ConfigurationImpl()
                .setName("aihub")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dir.resolve("journal").toString())
                .setBindingsDirectory(dir.resolve("bindings").toString())
                .setPagingDirectory(dir.resolve("paging").toString())
                .setLargeMessagesDirectory(dir.resolve("large-messages").toString())
                .setNodeManagerLockDirectory(dir.resolve("lock").toString())
                .setIDCacheSize(settings.idCacheSize())
                .setPersistIDCache(true)
                // a message delivered before a broker crash comes back flagged as redelivered, so a sink checks
                // whether the earlier attempt already wrote it
                .setPersistDeliveryCountBeforeDelivery(true)
                .setMaxDiskUsage(settings.maxDiskUsagePercent())
                .setMessageExpiryScanPeriod(30_000);
        config.addAcceptorConfiguration("in-vm", inVmUrl);
        for (Map.Entry<String, String> acceptor : acceptorUrls().entrySet()) {
            config.addAcceptorConfiguration(acceptor.getKey(), acceptor.getValue());
        }
        config.addAddressSetting("#", defaultSettings());
        config.registerBrokerPlugin(new RouteAddressPlugin());
        config.addQueueConfiguration(QueueConfiguration.of(Addresses.DEFAULT_DLQ).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of(Addresses.EXPIRY).setRoutingType(RoutingType.ANYCAST));
        return config;
    }

    /** The network acceptors, protocol name to URL. */
    public Map<String, String> acceptors() {
        return Map.copyOf(acceptorUrls());
    }

    private Map<String, String> acceptorUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        addAcceptor(urls, "core", settings.corePort(), "CORE");
        addAcceptor(urls, "amqp", settings.amqpPort(), "AMQP");
        addAcceptor(urls, "stomp", settings.stompPort(), "STOMP");
        addAcceptor(urls, "mqtt", settings.mqttPort(), "MQTT");
        return urls;
    }

    private void addAcceptor(Map<String, String> urls, String name, int port, String protocol) {
        if (port > 0) {
            urls.put(name, "tcp://" + settings.host() + ":" + port + "?protocols=" + protocol);
        }
    }

    /**
     * Gives a route's addresses their own dead-letter address. Applied when the hub declares the route and
     * whenever a predictions or dead-letter address appears on the broker (declared over the network by a hub
     * using this broker by URL, or reloaded from the journal at start), so a standalone broker needs no
     * per-route configuration.
     */
    private void applyRouteSettings(ActiveMQServer server, String routeId) {
        String dlq = Addresses.deadLetter(routeId);
        server.getAddressSettingsRepository().addMatch(Addresses.predictions(routeId), routeSettings(dlq));
        server.getAddressSettingsRepository().addMatch(dlq, routeSettings(dlq));
        server.getAddressSettingsRepository().addMatch(Addresses.replay(routeId), routeSettings(dlq));
    }

    /** Applies the route settings to every route address the broker holds or adds. */
    private final class RouteAddressPlugin implements ActiveMQServerAddressPlugin {
        private volatile ActiveMQServer server;

        @Override
        public void registered(ActiveMQServer registeredOn) {
            this.server = registeredOn;
        }

        @Override
        public void afterAddAddress(AddressInfo addressInfo, boolean reload) {
            ActiveMQServer target = server;
            String address = addressInfo.getName().toString();
            Addresses.routeOf(address).ifPresent(route -> {
                if (target != null) {
                    applyRouteSettings(target, route);
                }
            });
        }
    }

    private AddressSettings defaultSettings() {
        return baseSettings()
                .setDeadLetterAddress(SimpleString.of(Addresses.DEFAULT_DLQ))
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true);
    }

    private AddressSettings routeSettings(String dlq) {
        return baseSettings()
                .setDeadLetterAddress(SimpleString.of(dlq))
                .setAutoCreateQueues(false)
                .setAutoCreateAddresses(false);
    }

    private AddressSettings baseSettings() {
        return new AddressSettings()
                .setExpiryAddress(SimpleString.of(Addresses.EXPIRY))
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setRedeliveryDelay(1_000)
                .setRedeliveryMultiplier(2.0)
                .setMaxRedeliveryDelay(60_000)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setMaxSizeBytes(MAX_SIZE_BYTES)
                .setPageLimitBytes(PAGE_LIMIT_BYTES)
                .setPageFullMessagePolicy(PageFullMessagePolicy.FAIL);
    }

    private static void ensureAddress(ActiveMQServer server, String address, RoutingType type) throws Exception {
        if (server.getAddressInfo(SimpleString.of(address)) == null) {
            server.addAddressInfo(new AddressInfo(SimpleString.of(address)).addRoutingType(type));
        }
    }

    private static void ensureQueue(ActiveMQServer server, QueueConfiguration queue) throws Exception {
        if (server.locateQueue(queue.getName()) == null) {
            server.createQueue(queue.setDurable(true), true);
        }
    }
}
