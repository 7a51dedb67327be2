package io.aihub.routes.progress;

import java.util.concurrent.atomic.LongAdder;

/** What one route has done since the hub started. Thread-safe. */
public final class RouteCounters {

    public final LongAdder pulled = new LongAdder();
    public final LongAdder scored = new LongAdder();
    public final LongAdder published = new LongAdder();
    public final LongAdder duplicates = new LongAdder();
    public final LongAdder deadLettered = new LongAdder();
    public final LongAdder biRows = new LongAdder();
    public final LongAdder writtenBack = new LongAdder();
    /** Records given the route's declared fallback score instead of a model's. */
    public final LongAdder fallbacks = new LongAdder();
    public final LongAdder pageFailures = new LongAdder();
    /** Pushed events refused before scoring (bad signature, malformed body, too large). */
    public final LongAdder rejected = new LongAdder();

    /** Records the source said are still waiting after the last delivered page; -1 when unknown. */
    public volatile long backlog = -1;

    private final String routeId;

    public RouteCounters(String routeId) {
        this.routeId = routeId;
    }

    public String routeId() {
        return routeId;
    }
}
