package io.aihub.routes.broker;

import java.util.List;
import java.util.Objects;

/**
 * A business system that consumes predictions: its broker user, password and the subscriber queues it may
 * consume and browse ({@code <route>.<subscriber>}, see {@link Addresses#subscriberQueue}). Nothing else.
 *
 * @param name     user name, also the name of its role
 * @param password its password (from the environment or unmasked from {@code ENC(...)}); never printed
 * @param queues   the subscriber queues it may consume and browse, at least one
 */
public record BrokerUser(String name, String password, List<String> queues) {

    public BrokerUser {
        Addresses.checked("broker user", name);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("broker user '" + name + "' has no password: set aihub.broker.user."
                    + name + ".password, e.g. to {{env:SOME_VARIABLE}}");
        }
        queues = List.copyOf(Objects.requireNonNull(queues, "queues"));
        if (queues.isEmpty()) {
            throw new IllegalArgumentException("broker user '" + name + "' has no queues: set aihub.broker.user."
                    + name + ".queues to its subscriber queues, e.g. crm-account-churn." + name);
        }
        queues.forEach(Addresses::routeOfSubscriberQueue);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BrokerUser[name=" + name + ", queues=" + queues + "]";
    }
}
