package io.aihub.routes.progress;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/** Counters of every route, and the one-line summary {@code ./aihub run --once} ends with. */
public final class HubCounters {

    private final Map<String, RouteCounters> routes = new ConcurrentHashMap<>();
    private final List<Consumer<RouteCounters>> listeners = new CopyOnWriteArrayList<>();

    public RouteCounters route(String routeId) {
        RouteCounters existing = routes.get(routeId);
        if (existing != null) {
            return existing;
        }
        RouteCounters[] created = new RouteCounters[1];
        RouteCounters counters = routes.computeIfAbsent(routeId, id -> created[0] = new RouteCounters(id));
        if (created[0] != null) {
            listeners.forEach(l -> l.accept(created[0]));
        }
        return counters;
    }

    /** Calls {@code listener} for every route whose counters are created from now on. */
    public void onNewRoute(Consumer<RouteCounters> listener) {
        listeners.add(listener);
    }

    public Collection<RouteCounters> routes() {
        return List.copyOf(routes.values());
    }

    /** One route's counts, in the form of the totals. */
    public Totals totals(RouteCounters r) {
        return new Totals(r.pulled.sum(), r.scored.sum(), r.published.sum(), r.writtenBack.sum(), r.biRows.sum(),
                r.deadLettered.sum());
    }

    /**
     * The summary {@code ./aihub run} ends with: one {@code summary: route=<id> ...} line per route, by route id,
     * then the totals line last.
     */
    public List<String> summaryLines() {
        List<String> lines = new java.util.ArrayList<>();
        routes.values().stream().sorted(java.util.Comparator.comparing(RouteCounters::routeId))
                .forEach(r -> lines.add(totals(r).summaryLine(r.routeId())));
        lines.add(totals().summaryLine());
        return lines;
    }

    /** Totals over all routes. */
    public Totals totals() {
        return new Totals(sum(r -> r.pulled.sum()), sum(r -> r.scored.sum()), sum(r -> r.published.sum()),
                sum(r -> r.writtenBack.sum()), sum(r -> r.biRows.sum()), sum(r -> r.deadLettered.sum()));
    }

    /** Records the sources say are still waiting, summed over routes that know; -1 when none knows. */
    public long backlog() {
        long total = -1;
        for (RouteCounters r : routes.values()) {
            long b = r.backlog;
            if (b >= 0) {
                total = Math.max(total, 0) + b;
            }
        }
        return total;
    }

    private long sum(Function<RouteCounters, Long> f) {
        long total = 0;
        for (RouteCounters r : routes.values()) {
            total += f.apply(r);
        }
        return total;
    }

    /**
     * Totals over all routes.
     *
     * @param pulled       records read from sources
     * @param scored       records the model scored
     * @param published    prediction events newly accepted by the broker
     * @param writtenBack  records whose score was written back into the source system
     * @param biRows       new rows in the BI predictions table
     * @param deadLettered records sent to a dead-letter queue with a reason
     */
    public record Totals(long pulled, long scored, long published, long writtenBack, long biRows, long deadLettered) {

        /** The exact summary line of {@code ./aihub run --once}. */
        public String summaryLine() {
            return "summary: " + counts();
        }

        /** The summary line of one route: {@code summary: route=<id> pulled=...}. */
        public String summaryLine(String routeId) {
            return "summary: route=" + routeId + " " + counts();
        }

        private String counts() {
            return "pulled=" + pulled + " scored=" + scored + " published=" + published + " written_back="
                    + writtenBack + " bi_rows=" + biRows + " dead_lettered=" + deadLettered;
        }
    }
}
