package io.aihub.routes.broker;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * Request/reply over an Artemis broker's management address ({@code activemq.management}), over CORE: works on
 * the embedded broker's acceptor, {@code ./aihub broker} and any Artemis broker whose user may manage it.
 * Answers come back on a temporary queue named {@code aihub.management.reply.<uuid>}, so the hub's user needs
 * permissions on that prefix only, not on every address (see {@link BrokerAuthorization}).
 */
public final class BrokerManagement implements AutoCloseable {

    private static final long TIMEOUT_MS = 10_000;

    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;
    private final ClientProducer requests;
    private final ClientConsumer replies;
    private final SimpleString replyQueue;

    private BrokerManagement(ServerLocator locator, ClientSessionFactory factory, ClientSession session,
            SimpleString replyQueue) throws Exception {
        this.locator = locator;
        this.factory = factory;
        this.session = session;
        this.replyQueue = replyQueue;
        this.requests = session.createProducer(BrokerAuthorization.MANAGEMENT_ADDRESS);
        this.replies = session.createConsumer(replyQueue);
    }

    /** Connects; the caller closes. */
    public static BrokerManagement connect(String url, String user, String password) throws Exception {
        // blocking sends, so a refused management request fails at once instead of timing out
        ServerLocator locator = ActiveMQClient.createServerLocator(url).setBlockOnNonDurableSend(true);
        ClientSessionFactory factory = null;
        ClientSession session = null;
        try {
            factory = locator.createSessionFactory();
            session = factory.createSession(user, password, false, true, true, false, 1);
            SimpleString replyQueue = SimpleString.of(BrokerAuthorization.MANAGEMENT_REPLY_PREFIX + UUID.randomUUID());
            session.createQueue(QueueConfiguration.of(replyQueue).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(false).setTemporary(true));
            BrokerManagement management = new BrokerManagement(locator, factory, session, replyQueue);
            session.start();
            return management;
        } catch (Exception e) {
            if (session != null) {
                session.close();
            }
            if (factory != null) {
                factory.close();
            }
            locator.close();
            throw e;
        }
    }

    /** Every address the broker holds. */
    public List<String> addressNames() throws Exception {
        return strings(invoke(ResourceNames.BROKER, "getAddressNames"), "getAddressNames");
    }

    /** The queues bound to an address. */
    public List<String> queueNames(String address) throws Exception {
        return strings(attribute(ResourceNames.ADDRESS + address, "queueNames"), "queueNames of " + address);
    }

    /** The settings the broker applies to an address (the merge of every matching address-setting). */
    public AddressSettings addressSettings(String address) throws Exception {
        return AddressSettings.fromJSON((String) invoke(ResourceNames.BROKER, "getAddressSettingsAsJSON", address));
    }

    /** A queue attribute such as {@code messageCount} or {@code consumerCount}. */
    public Object queueAttribute(String queue, String attribute) throws Exception {
        return attribute(ResourceNames.QUEUE + queue, attribute);
    }

    /** A broker attribute such as {@code maxDiskUsage}. */
    public Object brokerAttribute(String attribute) throws Exception {
        return attribute(ResourceNames.BROKER, attribute);
    }

    private Object invoke(String resource, String operation, Object... args) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putOperationInvocation(request, resource, operation, args);
        return result(request, resource + "." + operation);
    }

    private Object attribute(String resource, String attribute) throws Exception {
        ClientMessage request = session.createMessage(false);
        ManagementHelper.putAttribute(request, resource, attribute);
        return result(request, resource + "." + attribute);
    }

    private static List<String> strings(Object result, String what) {
        if (result instanceof Object[] values) {
            List<String> out = new ArrayList<>(values.length);
            for (Object v : values) {
                out.add(String.valueOf(v));
            }
            return out;
        }
        throw new IllegalStateException(what + " returned " + result);
    }

    private Object result(ClientMessage request, String what) throws Exception {
        request.putStringProperty(ClientMessageImpl.REPLYTO_HEADER_NAME, replyQueue);
        requests.send(request);
        ClientMessage reply = replies.receive(TIMEOUT_MS);
        if (reply == null) {
            throw new IllegalStateException("broker management did not answer " + what + " within " + TIMEOUT_MS
                    + " ms");
        }
        reply.acknowledge();
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("broker management refused " + what + ": "
                    + ManagementHelper.getResult(reply));
        }
        return ManagementHelper.getResult(reply);
    }

    @Override
    public void close() {
        try {
            replies.close();
            requests.close();
            session.close();
        } catch (Exception e) {
            // the connection goes with the factory below
        } finally {
            factory.close();
            locator.close();
        }
    }
}
