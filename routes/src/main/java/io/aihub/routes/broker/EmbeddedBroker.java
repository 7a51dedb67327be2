package io.aihub.routes.broker;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.core.server.impl.QueueImpl;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerAddressPlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Artemis broker inside the hub process: persistent journal, acceptors for CORE, AMQP, STOMP and MQTT,
 * duplicate detection, and a dead-letter and expiry address for every address. No address ever drops
 * messages: when full it pages to disk, and past the page limit it refuses sends so producers see it.
 *
 * <p>Memory stays bounded however many records pass: besides paging, a queue keeps message groups (the hub
 * groups each prediction by its record id, {@code JMSXGroupID}) in {@value #GROUP_BUCKETS} buckets instead of
 * one entry per group id ever seen, which Artemis does by default and which grows with every distinct record.
 *
 * <p>Security is always on: every connection, the hub's in-VM one included, logs in, anonymous logins are
 * refused, and each user may do only what {@link BrokerAuthorization} grants. With a key store configured the
 * network acceptors speak TLS only.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final long MAX_SIZE_BYTES = 64L * 1024 * 1024;
    private static final long PAGE_LIMIT_BYTES = 2L * 1024 * 1024 * 1024;
    /** See {@link #applyJournalSettings}. */
    static final int JOURNAL_BUFFER_TIMEOUT_NIO_NANOS = 1_000_000;
    static final int JOURNAL_BUFFER_TIMEOUT_AIO_NANOS = 500_000;
    /**
     * Message-group buckets per queue: messages of one record still go to one consumer at a time, in order,
     * while the broker's group table has at most this many entries per queue.
     */
    public static final int GROUP_BUCKETS = 1024;

    private final BrokerSettings settings;
    private final String inVmUrl;
    private EmbeddedActiveMQ embedded;
    private String hubPassword;

    public EmbeddedBroker(BrokerSettings settings, int inVmId) {
        this.settings = settings;
        this.inVmUrl = "vm://" + inVmId;
    }

    /** The URL a client in this process connects with. */
    public String inVmUrl() {
        return inVmUrl;
    }

    /** The hub user's name. */
    public String hubUser() {
        return settings.security().hubUser();
    }

    /** The hub user's password (configured, or generated and stored); known once the broker started. */
    public synchronized String hubPassword() {
        if (hubPassword == null) {
            throw new IllegalStateException("embedded broker is not started");
        }
        return hubPassword;
    }

    public synchronized void start() throws Exception {
        if (embedded != null) {
            return;
        }
        BrokerSecurity security = settings.security();
        String password = security.hubPassword();
        if (password == null) {
            password = StoredHubPassword.readOrCreate(settings.dataDir());
            LOG.info("AIHUB-BROKER-0004 aihub.broker.password is not set: the hub user '{}' uses the generated "
                    + "password in {} (owner-only); set AIHUB_BROKER_PASSWORD in production", security.hubUser(),
                    settings.dataDir().resolve(StoredHubPassword.FILE).toAbsolutePath());
        }
        BrokerAuthorization authorization = new BrokerAuthorization(security);
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(configuration(authorization));
        broker.setSecurityManager(new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(),
                authorization.users(password)));
        broker.start();
        hubPassword = password;
        embedded = broker;
        ActiveMQServer server = broker.getActiveMQServer();
        for (SimpleString address : server.getPostOffice().getAddresses()) {
            Addresses.routeOf(address.toString()).ifPresent(route -> applyRouteSettings(server, route));
        }
        // A business system may subscribe to its granted events before the hub published any, and may not
        // create the address itself: the broker declares them.
        for (String event : security.users().stream().flatMap(u -> u.events().stream()).distinct().toList()) {
            ensureAddress(server, Addresses.events(event), RoutingType.MULTICAST);
        }
        LOG.info("AIHUB-BROKER-0001 embedded broker started: data={}, acceptors={}, users={} (hub) + {}",
                settings.dataDir(), acceptorUrls().values(), security.hubUser(),
                security.users().stream().map(BrokerUser::name).toList());
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
                    .setRoutingType(RoutingType.MULTICAST).setGroupBuckets(GROUP_BUCKETS));
            boundGroups(server, queue);
        }
    }

    /**
     * Gives a subscriber queue declared by an earlier hub version (one group entry per record id, unbounded)
     * the bounded group buckets; stored in the journal, so it is done once.
     */
    private static void boundGroups(ActiveMQServer server, String queue) throws Exception {
        if (server.locateQueue(SimpleString.of(queue)).getGroupBuckets() != GROUP_BUCKETS) {
            server.updateQueue(QueueConfiguration.of(queue).setGroupBuckets(GROUP_BUCKETS));
            LOG.info("AIHUB-BROKER-0005 queue {} keeps message groups in {} buckets from now on", queue,
                    GROUP_BUCKETS);
        }
    }

    /** Messages waiting or being delivered on a queue, or -1 when there is no such queue. */
    public long pendingMessages(String queueName) {
        var queue = server().locateQueue(SimpleString.of(queueName));
        if (queue == null) {
            return -1;
        }
        // A commit hands its messages to the queue's executor: count them once they are added, so that the depth
        // right after a commit returned includes what it committed.
        if (queue instanceof QueueImpl impl) {
            CountDownLatch added = new CountDownLatch(1);
            impl.flushOnIntermediate(added::countDown);
            try {
                added.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return queue.getMessageCount() + queue.getDeliveringCount();
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
            hubPassword = null;
        }
    }

    private Configuration configuration(BrokerAuthorization authorization) throws Exception {
        var dir = settings.dataDir().toAbsolutePath();
        byte[] clusterSecret = new byte[32];
        new SecureRandom().nextBytes(clusterSecret);
        Configuration config = new ConfigurationImpl()
                .setName("aihub")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(true)
                // Artemis lets its internal cluster user bypass every permission; its default password is public
                .setClusterPassword(Base64.getEncoder().encodeToString(clusterSecret))
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
        applyJournalSettings(config);
        config.addAcceptorConfiguration("in-vm", inVmUrl);
        addNetworkAcceptor(config, "core", settings.corePort(), "CORE");
        addNetworkAcceptor(config, "amqp", settings.amqpPort(), "AMQP");
        addNetworkAcceptor(config, "stomp", settings.stompPort(), "STOMP");
        addNetworkAcceptor(config, "mqtt", settings.mqttPort(), "MQTT");
        authorization.settings().forEach(config::putSecurityRoles);
        config.addAddressSetting("#", defaultSettings());
        config.registerBrokerPlugin(new RouteAddressPlugin());
        config.addQueueConfiguration(QueueConfiguration.of(Addresses.DEFAULT_DLQ).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of(Addresses.EXPIRY).setRoutingType(RoutingType.ANYCAST));
        return config;
    }

    /**
     * The journal settings, chosen here rather than left to the defaults of {@link ConfigurationImpl}: an embedded
     * broker is not tuned by {@code artemis create}, which measures the disk and writes them into
     * {@code broker.xml}.
     *
     * <ul>
     *   <li>Every write is synced ({@code journal-datasync}, and sync on transactional and non-transactional
     *       records): a committed page survives a power cut, which the hub's exactly-once chain relies on.</li>
     *   <li>The journal type stays Artemis' choice: ASYNCIO where libaio is installed, else NIO.</li>
     *   <li>{@code journal-buffer-timeout} is how long the journal gathers writes before one sync. NIO's
     *       default, 3.33 ms, caps a client that commits one transaction at a time at about 300 commits per
     *       second and adds up to 3.33 ms to each (a webhook event is one transaction); 1 ms is about one sync
     *       of a solid-state disk, so the journal syncs no more often than the disk can, and a commit waits
     *       at most 1 ms for its batch. AIO keeps its own default, 0.5 ms. Pages are one transaction each,
     *       so for polled routes the setting costs at most one timeout per page either way.</li>
     * </ul>
     */
    static void applyJournalSettings(Configuration config) {
        config.setJournalDatasync(true)
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalBufferTimeout_NIO(JOURNAL_BUFFER_TIMEOUT_NIO_NANOS)
                .setJournalBufferTimeout_AIO(JOURNAL_BUFFER_TIMEOUT_AIO_NANOS);
    }

    /**
     * A network acceptor built from parameters rather than a URL, so the key store password is in no string
     * that could be logged (Artemis prints acceptor parameters with passwords masked).
     */
    private void addNetworkAcceptor(Configuration config, String name, int port, String protocol) {
        if (port <= 0) {
            return;
        }
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, settings.host());
        params.put(TransportConstants.PORT_PROP_NAME, port);
        params.put(TransportConstants.PROTOCOLS_PROP_NAME, protocol);
        BrokerTls keyStore = settings.security().keyStore();
        if (keyStore != null) {
            params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
            params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, keyStore.path().toAbsolutePath().toString());
            params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, keyStore.password());
            params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, keyStore.type());
        }
        config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(), params, name));
    }

    /** The network acceptors, protocol name to URL (without any password). */
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
            urls.put(name, "tcp://" + settings.host() + ":" + port + "?protocols=" + protocol
                    + (settings.security().tls() ? "&sslEnabled=true" : ""));
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
                .setDefaultGroupBuckets(GROUP_BUCKETS)
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
