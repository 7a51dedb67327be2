package io.aihub.routes.observe;

import io.aihub.routes.broker.Addresses;
import io.aihub.routes.broker.QueueStats;
import io.aihub.routes.progress.HubCounters;
import io.aihub.routes.progress.RouteCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Publishes each route's counters as Prometheus counters named {@code aihub_records_<what>_total} with a
 * {@code route} tag (pulled, scored, published, duplicates, dead_lettered, bi_rows, written_back, fallback,
 * rejected), {@code aihub_page_failures_total}, the source watermark gauges, and the depth and consumers of
 * each subscriber queue. Every name starts with {@code aihub_}; tags hold route ids, subscriber names and
 * queue names only.
 */
public final class HubMetrics {

    private HubMetrics() {
    }

    /** Registers the counters of every route, now and of routes that appear later. */
    public static void bind(MeterRegistry registry, HubCounters counters, Clock clock) {
        counters.onNewRoute(route -> register(registry, route, clock));
        counters.routes().forEach(route -> register(registry, route, clock));
    }

    /**
     * Registers the depth and consumer count of a route's subscriber queues and its dead-letter queue
     * ({@code aihub_queue_depth}, {@code aihub_queue_consumers}; NaN while the broker cannot tell).
     */
    public static void bindQueues(MeterRegistry registry, String routeId, List<String> subscribers,
            QueueStats stats) {
        for (String subscriber : subscribers) {
            queue(registry, routeId, subscriber, Addresses.subscriberQueue(routeId, subscriber), stats);
        }
        queue(registry, routeId, "dead-letter", Addresses.deadLetter(routeId), stats);
    }

    private static void queue(MeterRegistry registry, String routeId, String subscriber, String queue,
            QueueStats stats) {
        Gauge.builder("aihub.queue.depth", () -> stats.of(queue).map(s -> (double) s.messages()).orElse(Double.NaN))
                .description("messages on the queue (waiting, scheduled, paged or being delivered)")
                .tag("route", routeId).tag("subscriber", subscriber).tag("queue", queue).register(registry);
        Gauge.builder("aihub.queue.consumers", () -> stats.of(queue).map(s -> (double) s.consumers())
                .orElse(Double.NaN)).description("consumers attached to the queue")
                .tag("route", routeId).tag("subscriber", subscriber).tag("queue", queue).register(registry);
    }

    private static void register(MeterRegistry registry, RouteCounters route, Clock clock) {
        records(registry, route, "pulled", "records read from the source", r -> r.pulled);
        records(registry, route, "scored", "records the model scored", r -> r.scored);
        records(registry, route, "published", "prediction events accepted by the broker", r -> r.published);
        records(registry, route, "duplicates", "re-read records the broker already had", r -> r.duplicates);
        records(registry, route, "dead_lettered", "records sent to the dead-letter queue", r -> r.deadLettered);
        records(registry, route, "bi_rows", "new rows in the BI predictions table", r -> r.biRows);
        records(registry, route, "written_back", "records written back to the source system", r -> r.writtenBack);
        records(registry, route, "fallback", "records given the route's declared fallback score", r -> r.fallbacks);
        records(registry, route, "rejected", "pushed events refused before scoring", r -> r.rejected);
        FunctionCounter.builder("aihub.page.failures", route.pageFailures, LongAdder::doubleValue)
                .description("pages not delivered and retried").tag("route", route.routeId()).register(registry);
        gauge(registry, route, "aihub.source.watermark.timestamp.seconds",
                "source modification time of the newest record the route committed (epoch seconds)",
                r -> r.watermarkMillis < 0 ? Double.NaN : r.watermarkMillis / 1000.0);
        gauge(registry, route, "aihub.source.watermark.lag.seconds",
                "now minus the committed watermark time while the source has more to read; 0 once a poll found "
                        + "nothing newer",
                r -> watermarkLag(r, clock));
        gauge(registry, route, "aihub.source.backlog",
                "records the source said were still waiting after the last page (NaN when it does not say)",
                r -> r.backlog < 0 ? Double.NaN : r.backlog);
    }

    /** Seconds between now and the route's watermark; 0 when caught up; NaN before the first page. */
    static double watermarkLag(RouteCounters route, Clock clock) {
        if (route.caughtUp) {
            return 0;
        }
        long watermark = route.watermarkMillis;
        return watermark < 0 ? Double.NaN : Math.max(0, clock.millis() - watermark) / 1000.0;
    }

    private static void gauge(MeterRegistry registry, RouteCounters route, String name, String description,
            ToDoubleFunction<RouteCounters> value) {
        Gauge.builder(name, route, value).description(description).tag("route", route.routeId()).register(registry);
    }

    private static void records(MeterRegistry registry, RouteCounters route, String what, String description,
            Function<RouteCounters, LongAdder> counter) {
        FunctionCounter.builder("aihub.records." + what, counter.apply(route), LongAdder::doubleValue)
                .description(description).tag("route", route.routeId()).register(registry);
    }
}
