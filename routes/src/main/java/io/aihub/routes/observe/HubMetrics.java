package io.aihub.routes.observe;

import io.aihub.routes.progress.HubCounters;
import io.aihub.routes.progress.RouteCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Publishes each route's counters as Prometheus counters named {@code aihub_records_<what>_total} with a
 * {@code route} tag: pulled, scored, published, duplicates, dead_lettered, bi_rows, written_back, and
 * {@code aihub_page_failures_total}.
 */
public final class HubMetrics {

    private HubMetrics() {
    }

    /** Registers the counters of every route, now and of routes that appear later. */
    public static void bind(MeterRegistry registry, HubCounters counters) {
        counters.onNewRoute(route -> register(registry, route));
        counters.routes().forEach(route -> register(registry, route));
    }

    /** Registers each remote model's circuit breaker: its state (0 closed, 1 open, 2 half-open) and openings. */
    public static void bindCircuits(MeterRegistry registry, ModelCircuits circuits) {
        circuits.all().forEach((model, circuit) -> {
            io.micrometer.core.instrument.Gauge.builder("aihub.model.circuit.state", circuit, c -> c.state())
                    .description("circuit breaker state: 0 closed, 1 open, 2 half-open").tag("model", model)
                    .register(registry);
            FunctionCounter.builder("aihub.model.circuit.opened", circuit.opened(), LongAdder::doubleValue)
                    .description("times the circuit breaker opened").tag("model", model).register(registry);
        });
    }

    private static void register(MeterRegistry registry, RouteCounters route) {
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
    }

    private static void records(MeterRegistry registry, RouteCounters route, String what, String description,
            Function<RouteCounters, LongAdder> counter) {
        FunctionCounter.builder("aihub.records." + what, counter.apply(route), LongAdder::doubleValue)
                .description(description).tag("route", route.routeId()).register(registry);
    }
}
