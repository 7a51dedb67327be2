package io.aihub.routes.store;

import io.aihub.routes.progress.HubCounters;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this hub run's {@code route_runs} rows: every {@value #INTERVAL_SECONDS} s while the hub runs (status
 * {@code running}), and once more when it stops (status {@code stopped}, {@code ended_at} set). A hub that is
 * killed leaves its rows {@code running} with the counters of the last write. A failed write is logged and
 * tried again at the next interval.
 */
public final class RouteRunRecorder implements AutoCloseable {

    /** Seconds between two writes. */
    public static final long INTERVAL_SECONDS = 10;

    private static final Logger LOG = LoggerFactory.getLogger(RouteRunRecorder.class);

    private final RouteRunTable table;
    private final HubCounters counters;
    private final ScheduledExecutorService timer;
    private boolean closed;

    private RouteRunRecorder(RouteRunTable table, HubCounters counters) {
        this.table = table;
        this.counters = counters;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aihub-route-runs");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts recording a new run with a random run id. */
    public static RouteRunRecorder start(DataSource dataSource, String hubVersion, HubCounters counters) {
        RouteRunTable table = new RouteRunTable(dataSource, UUID.randomUUID().toString(), hubVersion, Instant.now());
        RouteRunRecorder recorder = new RouteRunRecorder(table, counters);
        recorder.timer.scheduleWithFixedDelay(() -> recorder.write(false), INTERVAL_SECONDS, INTERVAL_SECONDS,
                TimeUnit.SECONDS);
        return recorder;
    }

    /** This run's id ({@code route_runs.run_id}). */
    public String runId() {
        return table.runId();
    }

    private void write(boolean ended) {
        try {
            table.record(counters.routes(), ended);
        } catch (RuntimeException e) {
            LOG.warn("AIHUB-DB-0010 route runs not recorded: {}", e.getMessage());
        }
    }

    /** Writes the final counters; call after the routes stopped and before the database closes. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write(true);
    }
}
