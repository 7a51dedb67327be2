package io.aihub.it;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
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

    /** The hub's configuration properties for these users. */
    static Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("aihub.broker.password", HUB_PASSWORD);
        p.put("aihub.broker.users", SALES_OPS);
        p.put("aihub.broker.user." + SALES_OPS + ".password", SALES_OPS_PASSWORD);
        p.put("aihub.broker.user." + SALES_OPS + ".queues", SALES_OPS_QUEUE);
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
