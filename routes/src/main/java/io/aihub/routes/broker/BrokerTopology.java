package io.aihub.routes.broker;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.api.core.ActiveMQAddressExistsException;
import org.apache.activemq.artemis.api.core.ActiveMQQueueExistsException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * Declares routes' addresses and queues: directly on the embedded broker, or over the core protocol on an
 * external one (the hub's user then needs the create-address and create-durable-queue permissions, or an
 * operator declares them in broker.xml). The dead-letter address per route is broker configuration; on an
 * external broker it belongs in its address-settings.
 *
 * <p>Each declaration opens its own short-lived connection (no reconnect: a lost broker fails the call), so
 * there is no connection to go stale. The topology remembers what it declared, and {@link #redeclare()}
 * declares it all again when the broker comes back after an outage, before anything is published.
 */
public final class BrokerTopology {

    private final EmbeddedBroker embedded;
    private final String url;
    private final String user;
    private final String password;
    private final Map<String, Set<String>> declared = new LinkedHashMap<>();

    public BrokerTopology(EmbeddedBroker embedded, String url, String user, String password) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Declares a route's addresses and queues (idempotent) and remembers them for {@link #redeclare()}. */
    public synchronized void declareRoute(String routeId, List<String> subscribers) throws Exception {
        declare(routeId, subscribers);
        declared.computeIfAbsent(routeId, r -> new LinkedHashSet<>()).addAll(subscribers);
    }

    /** Declares again every route declared so far (after a broker outage; idempotent). */
    public synchronized void redeclare() throws Exception {
        for (Map.Entry<String, Set<String>> route : declared.entrySet()) {
            declare(route.getKey(), List.copyOf(route.getValue()));
        }
    }

    private void declare(String routeId, List<String> subscribers) throws Exception {
        if (embedded != null) {
            embedded.declareRoute(routeId, subscribers);
            return;
        }
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url)
                    .setReconnectAttempts(0).setInitialConnectAttempts(1);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(user, password, false, true, true, false, 1)) {
            String dlq = Addresses.deadLetter(routeId);
            createAddress(session, dlq, RoutingType.ANYCAST);
            createQueue(session, QueueConfiguration.of(dlq).setAddress(dlq).setRoutingType(RoutingType.ANYCAST));
            String replay = Addresses.replay(routeId);
            createAddress(session, replay, RoutingType.ANYCAST);
            createQueue(session, QueueConfiguration.of(replay).setAddress(replay).setRoutingType(RoutingType.ANYCAST));
            String predictions = Addresses.predictions(routeId);
            createAddress(session, predictions, RoutingType.MULTICAST);
            for (String subscriber : subscribers) {
                createQueue(session, QueueConfiguration.of(Addresses.subscriberQueue(routeId, subscriber))
                        .setAddress(predictions).setRoutingType(RoutingType.MULTICAST)
                        .setGroupBuckets(EmbeddedBroker.GROUP_BUCKETS));
            }
        }
    }

    private static void createAddress(ClientSession session, String address, RoutingType type) throws Exception {
        try {
            session.createAddress(SimpleString.of(address), type, false);
        } catch (ActiveMQAddressExistsException e) {
            // declared before: nothing to do
        }
    }

    private static void createQueue(ClientSession session, QueueConfiguration queue) throws Exception {
        try {
            session.createQueue(queue.setDurable(true).setAutoCreated(false));
        } catch (ActiveMQQueueExistsException e) {
            // declared before: nothing to do
        }
    }
}
