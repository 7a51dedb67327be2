package io.aihub.routes.broker;

import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * Request/reply over an Artemis broker's management address ({@code activemq.management}), over CORE: works on
 * the embedded broker's acceptor, {@code ./aihub broker} and any Artemis broker whose user may manage it.
 */
public final class BrokerManagement implements AutoCloseable {

    private static final long TIMEOUT_MS = 10_000;

    private final ServerLocator locator;
    private final ClientSessionFactory factory;
    private final ClientSession session;
    private final ClientRequestor requestor;

    private BrokerManagement(ServerLocator locator, ClientSessionFactory factory, ClientSession session,
            ClientRequestor requestor) {
        this.locator = locator;
        this.factory = factory;
        this.session = session;
        this.requestor = requestor;
    }

    /** Connects; the caller closes. */
    public static BrokerManagement connect(String url, String user, String password) throws Exception {
        ServerLocator locator = ActiveMQClient.createServerLocator(url);
        ClientSessionFactory factory = null;
        ClientSession session = null;
        try {
            factory = locator.createSessionFactory();
            session = factory.createSession(user, password, false, true, true, false, 1);
            ClientRequestor requestor = new ClientRequestor(session, "activemq.management");
            session.start();
            return new BrokerManagement(locator, factory, session, requestor);
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
        ClientMessage reply = requestor.request(request, TIMEOUT_MS);
        if (reply == null) {
            throw new IllegalStateException("broker management did not answer " + what + " within " + TIMEOUT_MS
                    + " ms");
        }
        if (!ManagementHelper.hasOperationSucceeded(reply)) {
            throw new IllegalStateException("broker management refused " + what + ": "
                    + ManagementHelper.getResult(reply));
        }
        return ManagementHelper.getResult(reply);
    }

    @Override
    public void close() {
        try {
            requestor.close();
            session.close();
        } catch (Exception e) {
            // the connection goes with the factory below
        } finally {
            factory.close();
            locator.close();
        }
    }
}
