package io.aihub.routes.api;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.progress.RouteCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/routes}: each aihub route with its template, source, model policy, state, counters,
 * throughput over the last seconds and backlog (the depth of each subscriber queue and of its dead-letter
 * queue). Only the parameters named here are shown, never a route's other template parameters.
 */
final class RouteStatusView {

    private static final Logger LOG = LoggerFactory.getLogger(RouteStatusView.class);
    private static final List<String> POLICY = List.of("version", "shadow", "canary", "fallback");

    private final HubRuntime runtime;
    private final HubRoutes routes;
    private final ThroughputSampler throughput;
    private final QueueDepths depths;
    private volatile String lastBrokerProblem;

    RouteStatusView(HubRuntime runtime, HubRoutes routes, ThroughputSampler throughput, QueueDepths depths) {
        this.runtime = runtime;
        this.routes = routes;
        this.throughput = throughput;
        this.depths = depths;
    }

    Map<String, Object> render() {
        Map<String, RouteCounters> counters = new LinkedHashMap<>();
        runtime.counters().routes().forEach(c -> counters.put(c.routeId(), c));
        List<HubRoutes.HubRoute> all = routes.all();
        List<String> queues = new ArrayList<>();
        for (HubRoutes.HubRoute route : all) {
            if (route.scoring() != null) {
                route.subscribers().forEach(s -> queues.add(Addresses.subscriberQueue(route.id(), s)));
                queues.add(Addresses.deadLetter(route.id()));
            }
        }
        Map<String, QueueDepths.Depth> depth = Map.of();
        String brokerProblem = null;
        if (runtime.brokerLink() != null && runtime.brokerLink().downSince().isPresent()) {
            brokerProblem = "broker unreachable since " + runtime.brokerLink().downSince().get();
        } else if (!queues.isEmpty()) {
            try {
                depth = depths.depths(queues);
            } catch (Exception e) {
                brokerProblem = "queue depths unavailable: " + e.getClass().getSimpleName();
            }
        }
        if (brokerProblem != null && !brokerProblem.equals(lastBrokerProblem)) {
            LOG.warn("AIHUB-API-0004 {}", brokerProblem);
        }
        lastBrokerProblem = brokerProblem;

        List<Map<String, Object>> out = new ArrayList<>();
        for (HubRoutes.HubRoute route : all) {
            out.add(route(route, counters.get(route.id()), depth));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routes", out);
        body.put("throughputWindowSeconds", ThroughputSampler.WINDOW_SECONDS);
        body.put("backlogProblem", brokerProblem);
        body.put("time", java.time.Instant.now().toString());
        return body;
    }

    private Map<String, Object> route(HubRoutes.HubRoute route, RouteCounters c, Map<String, QueueDepths.Depth> depth) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", route.id());
        r.put("template", route.scoring() == null ? null : route.scoring().template());
        String source = route.parameter("source");
        r.put("source", source);
        r.put("sourceType", source == null ? null : runtime.connectorType(source));
        r.put("model", route.parameter("model"));
        Map<String, Object> policy = new LinkedHashMap<>();
        POLICY.forEach(p -> policy.put(p, route.parameter(p)));
        r.put("modelPolicy", policy);
        r.put("state", route.scoring() == null ? route.parts().get(0).state() : route.scoring().state());
        List<Map<String, Object>> parts = new ArrayList<>();
        for (HubRoutes.Part part : route.parts()) {
            parts.add(ordered("camelRouteId", part.camelRouteId(), "template", part.template(), "state",
                    part.state()));
        }
        r.put("camelRoutes", parts);
        r.put("counters", counters(c));
        ThroughputSampler.Rates rates = throughput.rates(route.id());
        r.put("throughput", ordered("pulledPerSecond", round(rates.pulled()), "scoredPerSecond",
                round(rates.scored()), "publishedPerSecond", round(rates.published()), "deadLetteredPerSecond",
                round(rates.deadLettered())));
        r.put("sourceBacklog", c == null || c.backlog < 0 ? null : c.backlog);
        List<Map<String, Object>> queues = new ArrayList<>();
        long total = 0;
        boolean known = !depth.isEmpty();
        for (String subscriber : route.subscribers()) {
            QueueDepths.Depth d = depth.get(Addresses.subscriberQueue(route.id(), subscriber));
            queues.add(ordered("subscriber", subscriber, "queue", Addresses.subscriberQueue(route.id(), subscriber),
                    "messages", d == null ? null : d.messages(), "consumers", d == null ? null : d.consumers()));
            if (d != null && d.messages() > 0) {
                total += d.messages();
            }
        }
        QueueDepths.Depth dlq = route.scoring() == null ? null : depth.get(Addresses.deadLetter(route.id()));
        r.put("backlog", ordered("total", known ? total : null, "queues", queues, "deadLetterQueue",
                dlq == null || dlq.messages() < 0 ? null : dlq.messages()));
        return r;
    }

    private static Map<String, Object> counters(RouteCounters c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pulled", c == null ? 0 : c.pulled.sum());
        m.put("scored", c == null ? 0 : c.scored.sum());
        m.put("published", c == null ? 0 : c.published.sum());
        m.put("duplicates", c == null ? 0 : c.duplicates.sum());
        m.put("deadLettered", c == null ? 0 : c.deadLettered.sum());
        m.put("biRows", c == null ? 0 : c.biRows.sum());
        m.put("writtenBack", c == null ? 0 : c.writtenBack.sum());
        m.put("fallbacks", c == null ? 0 : c.fallbacks.sum());
        m.put("rejected", c == null ? 0 : c.rejected.sum());
        m.put("pageFailures", c == null ? 0 : c.pageFailures.sum());
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10.0) / 10.0;
    }

    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
