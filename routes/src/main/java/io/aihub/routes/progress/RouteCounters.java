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

    /** Epoch millis of the newest source modification time the route committed; -1 before the first page. */
    public volatile long watermarkMillis = -1;

    /** Whether the source's last poll found nothing new (so the watermark is as fresh as the source). */
    public volatile boolean caughtUp;

    /** The error code of the page failure the route is retrying now; null while pages go through. */
    public volatile String failingCode;

    /** When the route's current run of page failures began; null while pages go through. */
    public volatile java.time.Instant failingSince;

    private final String routeId;

    public RouteCounters(String routeId) {
        this.routeId = routeId;
    }

    public String routeId() {
        return routeId;
    }

    /** Notes a delivered page: the route is no longer failing, and its watermark moved to {@code newest}. */
    public void committed(java.time.Instant newest) {
        if (newest != null) {
            watermarkMillis = Math.max(watermarkMillis, newest.toEpochMilli());
        }
        caughtUp = false;
        failingCode = null;
        failingSince = null;
    }

    /** Notes a page failure with its error code; the first of a run sets {@link #failingSince}. */
    public void failed(String code, java.time.Instant now) {
        if (failingSince == null) {
            failingSince = now;
        }
        failingCode = code;
    }
}
