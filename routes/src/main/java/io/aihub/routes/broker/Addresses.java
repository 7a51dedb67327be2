package io.aihub.routes.broker;

import java.util.regex.Pattern;

/**
 * Names of aihub broker addresses and queues. A route publishes to the multicast address
 * {@code aihub.predictions.<route-id>}; each subscriber has its own durable queue
 * {@code <route-id>.<subscriber>} on it, reached by the fully qualified name
 * {@code aihub.predictions.<route-id>::<route-id>.<subscriber>}.
 */
public final class Addresses {

    public static final String PREDICTIONS_PREFIX = "aihub.predictions.";
    public static final String DLQ_PREFIX = "aihub.dlq.";
    public static final String REPLAY_PREFIX = "aihub.replay.";
    /** The multicast addresses of the hub's events ({@code aihub.events.<event>}, e.g. drift). */
    public static final String EVENTS_PREFIX = "aihub.events.";
    public static final String EXPIRY = "aihub.expiry";
    public static final String DEFAULT_DLQ = "aihub.dlq";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private Addresses() {
    }

    public static String predictions(String routeId) {
        return PREDICTIONS_PREFIX + checked("route id", routeId);
    }

    public static String deadLetter(String routeId) {
        return DLQ_PREFIX + checked("route id", routeId);
    }

    /** The queue of records sent back through a route by {@code ./aihub dlq replay}. */
    public static String replay(String routeId) {
        return REPLAY_PREFIX + checked("route id", routeId);
    }

    /** The multicast address of one kind of hub event, e.g. {@code aihub.events.drift}. */
    public static String events(String event) {
        return EVENTS_PREFIX + checked("event", event);
    }

    /** The queue name of one subscriber of a route. */
    public static String subscriberQueue(String routeId, String subscriber) {
        return checked("route id", routeId) + "." + checked("subscriber", subscriber);
    }

    /** The fully qualified queue name ({@code address::queue}) a consumer attaches to. */
    public static String subscriberFqqn(String routeId, String subscriber) {
        return predictions(routeId) + "::" + subscriberQueue(routeId, subscriber);
    }

    /**
     * The route id of a subscriber queue name {@code <route-id>.<subscriber>}.
     *
     * @throws IllegalArgumentException when the name is not a subscriber queue name
     */
    public static String routeOfSubscriberQueue(String queue) {
        int dot = queue == null ? -1 : queue.indexOf('.');
        if (dot < 0 || !NAME.matcher(queue.substring(0, dot)).matches()
                || !NAME.matcher(queue.substring(dot + 1)).matches()) {
            throw new IllegalArgumentException("'" + queue + "' is not a subscriber queue name <route-id>.<subscriber>");
        }
        return queue.substring(0, dot);
    }

    /** Checks that a route id or subscriber name is safe to embed in an address. */
    public static String checked(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + ", got '" + name + "'");
        }
        return name;
    }

    /** The route id of a route's predictions, dead-letter or replay address; empty for any other address. */
    public static java.util.Optional<String> routeOf(String address) {
        String rest = null;
        if (address.startsWith(PREDICTIONS_PREFIX)) {
            rest = address.substring(PREDICTIONS_PREFIX.length());
        } else if (address.startsWith(DLQ_PREFIX)) {
            rest = address.substring(DLQ_PREFIX.length());
        } else if (address.startsWith(REPLAY_PREFIX)) {
            rest = address.substring(REPLAY_PREFIX.length());
        }
        return rest != null && NAME.matcher(rest).matches() ? java.util.Optional.of(rest) : java.util.Optional.empty();
    }
}
