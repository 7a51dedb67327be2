package io.aihub.bench;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.api.source.SourceTask;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves the benchmark's records page by page from a position {@code next=<index>}. Each record's
 * {@code modifiedAt} is the instant its page was served, so a subscriber can measure latency from the poll.
 *
 * <p>The gate and the first-poll time are static because the hub creates the task through
 * {@link java.util.ServiceLoader}; one benchmark runs per JVM at a time.
 */
public final class BenchSourceTask implements SourceTask {

    /** Position key: the index of the next record to serve. */
    public static final String NEXT = "next";
    private static final String SYSTEM = "bench";
    private static final String ENTITY = "Account";

    private static volatile boolean open;
    private static final AtomicLong FIRST_POLL_NANOS = new AtomicLong(0);
    private static final AtomicLong SERVED = new AtomicLong(0);

    private final String instance;
    private final long records;
    private final int pageSize;
    private volatile boolean stopped;
    private long next;

    BenchSourceTask(String instance, long records, int pageSize) {
        this.instance = instance;
        this.records = records;
        this.pageSize = pageSize;
    }

    /** Lets every bench task serve records (until then they return empty pages). */
    public static void open() {
        open = true;
    }

    /** Holds pages back again and forgets the first-poll time and the served count (before a new run). */
    public static void reset() {
        open = false;
        FIRST_POLL_NANOS.set(0);
        SERVED.set(0);
    }

    /** {@link System#nanoTime()} when the first non-empty page was served, or 0 before that. */
    public static long firstPollNanos() {
        return FIRST_POLL_NANOS.get();
    }

    /** Records served so far (a rewound page counts again). */
    public static long served() {
        return SERVED.get();
    }

    @Override
    public void start(SourcePosition committed) {
        String value = committed.get(NEXT);
        next = value == null ? 0 : Long.parseLong(value);
    }

    @Override
    public SourcePage poll() {
        if (!open || stopped || next >= records) {
            return SourcePage.empty(position(next));
        }
        FIRST_POLL_NANOS.compareAndSet(0, System.nanoTime());
        long end = Math.min(records, next + pageSize);
        Instant now = Instant.now();
        List<SourceRecord> page = new ArrayList<>((int) (end - next));
        for (long i = next; i < end; i++) {
            Map<String, Object> fields = BenchData.fields(i);
            page.add(new SourceRecord(SYSTEM, ENTITY, BenchData.id(i), "1", now, fields, position(i + 1)));
        }
        SERVED.addAndGet(end - next);
        next = end;
        return new SourcePage(page, position(end), end < records, records - end);
    }

    private static SourcePosition position(long index) {
        return new SourcePosition(Map.of(NEXT, Long.toString(index)));
    }

    @Override
    public void rewind(SourcePosition committed) {
        start(committed);
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public String toString() {
        return "bench source '" + instance + "'";
    }
}
