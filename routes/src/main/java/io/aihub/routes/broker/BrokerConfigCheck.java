package io.aihub.routes.broker;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;

/**
 * Reads a running broker's effective configuration over its management address and lists every way it could
 * lose or drop a message, or fill its disk: an address without a dead-letter or expiry address, a dead-letter
 * or expiry address with no queue (Artemis drops what it would move there), a {@code DROP} or unbounded
 * paging policy, redelivery without delay or back-off, no disk usage limit.
 *
 * <p>Works on any Artemis broker the user may manage (the embedded one, {@code ./aihub broker}, or an
 * operator's); used by the broker configuration test and by operators before pointing a hub at a broker.
 */
public final class BrokerConfigCheck {

    private static final long TIMEOUT_MS = 10_000;

    private BrokerConfigCheck() {
    }

    /**
     * @param url      the broker's CORE URL, e.g. {@code tcp://127.0.0.1:61616} or the embedded in-VM URL
     * @param user     user with management permission, or null when security is off
     * @param password its password, or null
     * @return one sentence per problem, sorted; empty when the configuration keeps every message
     */
    public static List<String> check(String url, String user, String password) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(user, password, false, true, true, false, 1);
                ClientRequestor requestor = new ClientRequestor(session, "activemq.management")) {
            session.start();
            Management management = new Management(session, requestor);
            Set<String> problems = new TreeSet<>();
            Object maxDisk = management.attribute(ResourceNames.BROKER, "maxDiskUsage");
            if (!(maxDisk instanceof Number n) || n.intValue() <= 0 || n.intValue() >= 100) {
                problems.add("broker: max-disk-usage is not limited (" + maxDisk + ")");
            }
            for (String address : management.strings(ResourceNames.BROKER, "getAddressNames")) {
                AddressSettings settings = AddressSettings.fromJSON(
                        (String) management.invoke(ResourceNames.BROKER, "getAddressSettingsAsJSON", address));
                checkAddress(address, settings, management, problems);
            }
            return List.copyOf(problems);
        }
    }

    /** The dead-letter address the broker applies to {@code address}, or null when it has none. */
    public static String deadLetterAddress(String url, String user, String password, String address)
            throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(user, password, false, true, true, false, 1);
                ClientRequestor requestor = new ClientRequestor(session, "activemq.management")) {
            session.start();
            AddressSettings settings = AddressSettings.fromJSON((String) new Management(session, requestor)
                    .invoke(ResourceNames.BROKER, "getAddressSettingsAsJSON", address));
            return settings.getDeadLetterAddress() == null ? null : settings.getDeadLetterAddress().toString();
        }
    }

    private static void checkAddress(String address, AddressSettings s, Management management, Set<String> problems)
            throws Exception {
        String where = "address " + address + ": ";
        requireTarget(where, "dead-letter", s.getDeadLetterAddress() == null ? null : s.getDeadLetterAddress().toString(),
                management, problems);
        requireTarget(where, "expiry", s.getExpiryAddress() == null ? null : s.getExpiryAddress().toString(),
                management, problems);
        if (s.getAddressFullMessagePolicy() == AddressFullMessagePolicy.DROP) {
            problems.add(where + "address-full-policy DROP discards messages");
        }
        if (s.getAddressFullMessagePolicy() == AddressFullMessagePolicy.PAGE) {
            if (s.getPageFullMessagePolicy() != PageFullMessagePolicy.FAIL) {
                problems.add(where + "page-full-policy is " + s.getPageFullMessagePolicy()
                        + ", not FAIL (DROP loses messages, none lets a dead consumer fill the disk)");
            }
            if (s.getPageLimitBytes() == null || s.getPageLimitBytes() <= 0) {
                problems.add(where + "paging has no page-limit-bytes, so a dead consumer can fill the disk");
            }
        }
        if (s.getRedeliveryDelay() <= 0 || s.getRedeliveryMultiplier() <= 1.0) {
            problems.add(where + "redelivery has no delay with back-off (delay " + s.getRedeliveryDelay()
                    + " ms, multiplier " + s.getRedeliveryMultiplier() + ")");
        }
        if (s.getMaxDeliveryAttempts() < 0) {
            problems.add(where + "max-delivery-attempts is unlimited, so a poison message is redelivered forever");
        }
    }

    private static void requireTarget(String where, String kind, String target, Management management,
            Set<String> problems) throws Exception {
        if (target == null || target.isBlank()) {
            problems.add(where + "no " + kind + " address");
            return;
        }
        List<String> addresses = Arrays.asList(management.strings(ResourceNames.BROKER, "getAddressNames"));
        if (!addresses.contains(target)
                || !(management.attribute(ResourceNames.ADDRESS + target, "queueNames") instanceof Object[] queues)
                || queues.length == 0) {
            problems.add(where + kind + " address " + target + " has no queue, so the broker would drop what it "
                    + "moves there");
        }
    }

    /** Request/reply over the management address. */
    private record Management(ClientSession session, ClientRequestor requestor) {

        Object invoke(String resource, String operation, Object... args) throws Exception {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putOperationInvocation(request, resource, operation, args);
            return result(request, resource + "." + operation);
        }

        Object attribute(String resource, String attribute) throws Exception {
            ClientMessage request = session.createMessage(false);
            ManagementHelper.putAttribute(request, resource, attribute);
            return result(request, resource + "." + attribute);
        }

        String[] strings(String resource, String operation, Object... args) throws Exception {
            Object result = invoke(resource, operation, args);
            if (result instanceof Object[] values) {
                List<String> out = new ArrayList<>(values.length);
                for (Object v : values) {
                    out.add(String.valueOf(v));
                }
                return out.toArray(String[]::new);
            }
            throw new IllegalStateException(resource + "." + operation + " returned " + result);
        }

        private Object result(ClientMessage request, String what) throws Exception {
            ClientMessage reply = requestor.request(request, TIMEOUT_MS);
            if (reply == null) {
                throw new IllegalStateException("broker management did not answer " + what + " within "
                        + TIMEOUT_MS + " ms");
            }
            if (!ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("broker management refused " + what + ": "
                        + ManagementHelper.getResult(reply));
            }
            return ManagementHelper.getResult(reply);
        }
    }
}
