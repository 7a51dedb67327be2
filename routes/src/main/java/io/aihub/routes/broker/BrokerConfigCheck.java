package io.aihub.routes.broker;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy;

/**
 * Reads a running broker's effective configuration over its management address and lists every way it could
 * lose or drop a message, or fill its disk: an address without a dead-letter or expiry address, a dead-letter
 * or expiry address with no queue (Artemis drops what it would move there), a {@code DROP} or unbounded
 * paging policy, redelivery without delay or back-off, no disk usage limit; and whether it lets anybody in:
 * security disabled, or a login without user name accepted.
 *
 * <p>Works on any Artemis broker the user may manage (the embedded one, {@code ./aihub broker}, or an
 * operator's); used by the broker configuration test and by operators before pointing a hub at a broker.
 */
public final class BrokerConfigCheck {

    private BrokerConfigCheck() {
    }

    /**
     * @param url      the broker's CORE URL, e.g. {@code tcp://127.0.0.1:61616}
     * @param user     user with management permission, or null when security is off
     * @param password its password, or null
     * @return one sentence per problem, sorted; empty when the configuration keeps every message
     */
    public static List<String> check(String url, String user, String password) throws Exception {
        try (BrokerManagement management = BrokerManagement.connect(url, user, password)) {
            Set<String> problems = new TreeSet<>();
            Object maxDisk = management.brokerAttribute("maxDiskUsage");
            if (!(maxDisk instanceof Number n) || n.intValue() <= 0 || n.intValue() >= 100) {
                problems.add("broker: max-disk-usage is not limited (" + maxDisk + ")");
            }
            if (Boolean.FALSE.equals(management.brokerAttribute("securityEnabled"))) {
                problems.add("broker: security is disabled, so any client may send, consume, delete queues and "
                        + "manage");
            }
            if (acceptsAnonymous(url)) {
                problems.add("broker: a login without user name and password is accepted (anonymous access)");
            }
            List<String> addresses = management.addressNames();
            for (String address : addresses) {
                checkAddress(address, management.addressSettings(address), addresses, management, problems);
            }
            return List.copyOf(problems);
        }
    }

    /** Whether the broker lets a client in without a user name and password. */
    static boolean acceptsAnonymous(String url) {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url).setReconnectAttempts(0)
                    .setInitialConnectAttempts(1);
                ClientSessionFactory factory = locator.createSessionFactory();
                ClientSession session = factory.createSession(null, null, false, true, true, false, 1)) {
            return true;
        } catch (Exception refused) {
            return false;
        }
    }

    /** The dead-letter address the broker applies to {@code address}, or null when it has none. */
    public static String deadLetterAddress(String url, String user, String password, String address)
            throws Exception {
        try (BrokerManagement management = BrokerManagement.connect(url, user, password)) {
            AddressSettings settings = management.addressSettings(address);
            return settings.getDeadLetterAddress() == null ? null : settings.getDeadLetterAddress().toString();
        }
    }

    private static void checkAddress(String address, AddressSettings s, List<String> addresses,
            BrokerManagement management, Set<String> problems) throws Exception {
        String where = "address " + address + ": ";
        requireTarget(where, "dead-letter", s.getDeadLetterAddress() == null ? null : s.getDeadLetterAddress().toString(),
                addresses, management, problems);
        requireTarget(where, "expiry", s.getExpiryAddress() == null ? null : s.getExpiryAddress().toString(),
                addresses, management, problems);
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

    private static void requireTarget(String where, String kind, String target, List<String> addresses,
            BrokerManagement management, Set<String> problems) throws Exception {
        if (target == null || target.isBlank()) {
            problems.add(where + "no " + kind + " address");
            return;
        }
        if (!addresses.contains(target) || management.queueNames(target).isEmpty()) {
            problems.add(where + kind + " address " + target + " has no queue, so the broker would drop what it "
                    + "moves there");
        }
    }
}
