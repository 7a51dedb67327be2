package io.aihub.routes.broker;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;

/**
 * The broker's users and permissions, built from {@link BrokerSecurity}. Deny unless granted:
 *
 * <ul>
 *   <li>the hub's user may send, consume, browse and declare (create address, create durable queue) on its own
 *       addresses {@code aihub.predictions.#}, {@code aihub.dlq.#} and {@code aihub.replay.#}; manage the broker
 *       ({@code activemq.management}, for {@code ./aihub dlq} and {@code ./aihub broker --check}); and use its own
 *       temporary reply queues {@code aihub.management.reply.#} for management answers;</li>
 *   <li>each business system's queue {@code <route>.<subscriber>} gets its own exact setting on its fully
 *       qualified name {@code aihub.predictions.<route>::<route>.<subscriber>}, which Artemis uses instead of the
 *       address's: its business users may consume and browse it; the hub may only declare it and send to it (a
 *       replay of dead letters), not read it;</li>
 *   <li>the hub's user may create and send to its event addresses {@code aihub.events.#} (drift events), not read
 *       them; a business user granted an event ({@code aihub.broker.user.<name>.events}) may subscribe to that
 *       event's address {@code aihub.events.<event>} as a topic: consume and browse there and create the
 *       non-durable subscription queue a topic subscriber needs (no durable queue, no send);</li>
 *   <li>nobody may delete a queue or an address, create a non-durable queue on a hub address, or touch any other
 *       address; anonymous login is refused (no default user).</li>
 * </ul>
 */
public final class BrokerAuthorization {

    /** The role of the hub's user. */
    public static final String HUB_ROLE = "aihub-hub";
    /** Where the hub's management replies come back (temporary queues). */
    public static final String MANAGEMENT_REPLY_PREFIX = "aihub.management.reply.";
    /** Artemis' management address. */
    public static final String MANAGEMENT_ADDRESS = "activemq.management";

    private static final List<String> HUB_ADDRESSES = List.of(
            Addresses.PREDICTIONS_PREFIX + "#", Addresses.DLQ_PREFIX + "#", Addresses.REPLAY_PREFIX + "#");

    /** The broker operations a role may be granted. */
    enum Permission {
        SEND, CONSUME, BROWSE, CREATE_ADDRESS, CREATE_DURABLE_QUEUE, CREATE_NON_DURABLE_QUEUE, MANAGE
    }

    private final BrokerSecurity security;

    public BrokerAuthorization(BrokerSecurity security) {
        this.security = security;
    }

    /** The role of a business system's user. */
    public static String consumerRole(String user) {
        return "aihub-consumer-" + user;
    }

    /** Security settings: address match (or exact fully qualified queue name) to the roles granted there. */
    public Map<String, Set<Role>> settings() {
        Map<String, Set<Role>> settings = new LinkedHashMap<>();
        settings.put("#", Set.of());
        EnumSet<Permission> own = EnumSet.of(Permission.SEND, Permission.CONSUME, Permission.BROWSE,
                Permission.CREATE_ADDRESS, Permission.CREATE_DURABLE_QUEUE);
        for (String match : HUB_ADDRESSES) {
            settings.put(match, Set.of(role(HUB_ROLE, own)));
        }
        EnumSet<Permission> hubEvents = EnumSet.of(Permission.SEND, Permission.CREATE_ADDRESS);
        settings.put(Addresses.EVENTS_PREFIX + "#", Set.of(role(HUB_ROLE, hubEvents)));
        settings.put(MANAGEMENT_ADDRESS, Set.of(role(HUB_ROLE, EnumSet.of(Permission.MANAGE))));
        settings.put(MANAGEMENT_REPLY_PREFIX + "#", Set.of(role(HUB_ROLE, EnumSet.of(Permission.CREATE_ADDRESS,
                Permission.CREATE_NON_DURABLE_QUEUE, Permission.SEND, Permission.CONSUME))));
        Map<String, Set<String>> consumersOfQueue = new LinkedHashMap<>();
        for (BrokerUser user : security.users()) {
            for (String queue : user.queues()) {
                consumersOfQueue.computeIfAbsent(queue, q -> new LinkedHashSet<>()).add(user.name());
            }
        }
        consumersOfQueue.forEach((queue, users) -> {
            Set<Role> roles = new LinkedHashSet<>();
            roles.add(role(HUB_ROLE, EnumSet.of(Permission.SEND, Permission.CREATE_DURABLE_QUEUE)));
            users.forEach(u -> roles.add(role(consumerRole(u), EnumSet.of(Permission.CONSUME, Permission.BROWSE))));
            settings.put(fullyQualified(queue), Set.copyOf(roles));
        });
        Map<String, Set<String>> subscribersOfEvent = new LinkedHashMap<>();
        for (BrokerUser user : security.users()) {
            for (String event : user.events()) {
                subscribersOfEvent.computeIfAbsent(event, e -> new LinkedHashSet<>()).add(user.name());
            }
        }
        subscribersOfEvent.forEach((event, users) -> {
            // the most specific match wins in Artemis, so the hub's rights on aihub.events.# are repeated here
            Set<Role> roles = new LinkedHashSet<>();
            roles.add(role(HUB_ROLE, hubEvents));
            users.forEach(u -> roles.add(role(consumerRole(u), EnumSet.of(Permission.CONSUME, Permission.BROWSE,
                    Permission.CREATE_NON_DURABLE_QUEUE))));
            settings.put(Addresses.events(event), Set.copyOf(roles));
        });
        return settings;
    }

    /** The users and their roles; no default user, so a login without a user name is refused. */
    public SecurityConfiguration users(String hubPassword) {
        if (hubPassword == null || hubPassword.isBlank()) {
            throw new IllegalArgumentException("the hub's broker user needs a password");
        }
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(security.hubUser(), hubPassword);
        users.addRole(security.hubUser(), HUB_ROLE);
        for (BrokerUser user : security.users()) {
            users.addUser(user.name(), user.password());
            users.addRole(user.name(), consumerRole(user.name()));
        }
        return users;
    }

    /** {@code aihub.predictions.<route>::<route>.<subscriber>} for a subscriber queue name. */
    static String fullyQualified(String subscriberQueue) {
        return Addresses.predictions(Addresses.routeOfSubscriberQueue(subscriberQueue)) + "::" + subscriberQueue;
    }

    private static Role role(String name, Set<Permission> p) {
        return new Role(name, p.contains(Permission.SEND), p.contains(Permission.CONSUME),
                p.contains(Permission.CREATE_DURABLE_QUEUE), false, p.contains(Permission.CREATE_NON_DURABLE_QUEUE),
                false, p.contains(Permission.MANAGE), p.contains(Permission.BROWSE),
                p.contains(Permission.CREATE_ADDRESS), false, false, false);
    }
}
