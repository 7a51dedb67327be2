package io.aihub.routes.broker;

import java.util.List;
import java.util.Objects;

/**
 * A business system that consumes predictions or hub events: its broker user, password, the subscriber queues it
 * may consume and browse ({@code <route>.<subscriber>}, see {@link Addresses#subscriberQueue}) and the hub events
 * it may subscribe to ({@code aihub.events.<event>}, see {@link Addresses#events}). Nothing else.
 *
 * @param name     user name, also the name of its role
 * @param password its password (from the environment or unmasked from {@code ENC(...)}); never printed
 * @param queues   the subscriber queues it may consume and browse
 * @param events   the hub events it may subscribe to (e.g. {@code drift}); queues and events are not both empty
 */
public record BrokerUser(String name, String password, List<String> queues, List<String> events) {

    /** A user of subscriber queues only. */
    public BrokerUser(String name, String password, List<String> queues) {
        this(name, password, queues, List.of());
    }

    public BrokerUser {
        Addresses.checked("broker user", name);
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("broker user '" + name + "' has no password: set aihub.broker.user."
                    + name + ".password, e.g. to {{env:SOME_VARIABLE}}");
        }
        queues = List.copyOf(Objects.requireNonNull(queues, "queues"));
        events = List.copyOf(Objects.requireNonNull(events, "events"));
        if (queues.isEmpty() && events.isEmpty()) {
            throw new IllegalArgumentException("broker user '" + name + "' has no queues: set aihub.broker.user."
                    + name + ".queues to its subscriber queues, e.g. crm-account-churn." + name
                    + ", or aihub.broker.user." + name + ".events to the hub events it reads, e.g. drift");
        }
        queues.forEach(Addresses::routeOfSubscriberQueue);
        events.forEach(Addresses::events);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BrokerUser[name=" + name + ", queues=" + queues + ", events=" + events + "]";
    }
}
