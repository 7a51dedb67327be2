package io.aihub.it;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * The broker users of the tests' hubs and brokers: the hub's own user, and the business system {@code sales-ops}
 * that may consume (only) its queue {@code crm-account-churn.sales-ops}. Passwords are random per test JVM.
 */
final class TestBrokerUsers {

    static final String HUB_USER = "aihub";
    static final String HUB_PASSWORD = random();
    static final String SALES_OPS = "sales-ops";
    static final String SALES_OPS_PASSWORD = random();
    static final String SALES_OPS_QUEUE = "crm-account-churn.sales-ops";

    private TestBrokerUsers() {
    }

    /**
     * A further business system of one test (e.g. {@code finance} reading {@code erp-order-payment-risk.finance}),
     * logging in with a random password of its own, as a real business system would.
     *
     * @param name     its broker user name
     * @param password its random password
     * @param queues   the subscriber queues it may consume and browse
     * @param events   the hub events it may subscribe to (e.g. {@code drift})
     */
    record Business(String name, String password, List<String> queues, List<String> events) {

        /** A business system reading these subscriber queues. */
        static Business of(String name, String... queues) {
            return new Business(name, random(), List.of(queues), List.of());
        }

        /** The same system, also granted these hub events. */
        Business withEvents(String... more) {
            return new Business(name, password, queues, List.of(more));
        }

        /** A connection factory logging in as this system. */
        ActiveMQConnectionFactory factory(String url) {
            return new ActiveMQConnectionFactory(url, name, password);
        }
    }

    /** The hub's configuration properties for these users, and any further business systems of a test. */
    static Map<String, String> properties(Business... more) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aihub.broker.password", HUB_PASSWORD);
        List<String> names = new ArrayList<>(List.of(SALES_OPS));
        p.put("aihub.broker.user." + SALES_OPS + ".password", SALES_OPS_PASSWORD);
        p.put("aihub.broker.user." + SALES_OPS + ".queues", SALES_OPS_QUEUE);
        for (Business b : more) {
            names.add(b.name());
            p.put("aihub.broker.user." + b.name() + ".password", b.password());
            p.put("aihub.broker.user." + b.name() + ".queues", String.join(",", b.queues()));
            p.put("aihub.broker.user." + b.name() + ".events", String.join(",", b.events()));
        }
        p.put("aihub.broker.users", String.join(",", names));
        return p;
    }

    /** The same as environment variables, for a hub or broker started as a child process. */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        properties().forEach((k, v) -> env.put(k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'),
                v));
        return env;
    }

    /** A connection factory logging in as the hub (operators' tools: dead letters, replay). */
    static ActiveMQConnectionFactory hub(String url) {
        return new ActiveMQConnectionFactory(url, HUB_USER, HUB_PASSWORD);
    }

    /** A connection factory logging in as the business system sales-ops. */
    static ActiveMQConnectionFactory salesOps(String url) {
        return new ActiveMQConnectionFactory(url, SALES_OPS, SALES_OPS_PASSWORD);
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
