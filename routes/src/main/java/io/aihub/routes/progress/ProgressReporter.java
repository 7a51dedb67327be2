package io.aihub.routes.progress;

import java.io.PrintStream;
import java.util.function.Supplier;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints one progress line at a fixed interval while the hub runs: totals, and the rate of records scored
 * per second over the last interval, so a person can see it is working. While the broker is unreachable the
 * line ends with the hub's state, e.g. {@code broker DOWN for 12 s, waiting}.
 */
public final class ProgressReporter implements AutoCloseable {

    private final HubCounters counters;
    private final PrintStream out;
    private final long intervalMillis;
    private final ScheduledExecutorService timer;
    private final Supplier<String> state;
    private long lastScored;
    private long lastNanos;

    public ProgressReporter(HubCounters counters, PrintStream out, long intervalMillis) {
        this(counters, out, intervalMillis, () -> "");
    }

    /** @param state text appended to the line when not empty (e.g. the broker being down) */
    public ProgressReporter(HubCounters counters, PrintStream out, long intervalMillis, Supplier<String> state) {
        this.state = state;
        this.counters = counters;
        this.out = out;
        this.intervalMillis = intervalMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aihub-progress");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        lastNanos = System.nanoTime();
        timer.scheduleAtFixedRate(this::report, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Prints the current line now. */
    public synchronized void report() {
        long now = System.nanoTime();
        HubCounters.Totals t = counters.totals();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        double rate = (t.scored() - lastScored) / seconds;
        lastScored = t.scored();
        lastNanos = now;
        String extra = state.get();
        out.printf("progress: pulled=%d scored=%d published=%d written_back=%d bi_rows=%d dead_lettered=%d "
                + "(%.0f records/s%s)%s%n", t.pulled(), t.scored(), t.published(), t.writtenBack(), t.biRows(),
                t.deadLettered(), rate, eta(counters.backlog(), rate),
                extra == null || extra.isEmpty() ? "" : "; " + extra);
        out.flush();
    }

    /** ", backlog N, ETA Ns" when the sources know their backlog, else nothing. */
    static String eta(long backlog, double ratePerSecond) {
        if (backlog <= 0) {
            return "";
        }
        String eta = ratePerSecond >= 1 ? String.format(", ETA %.0f s", backlog / ratePerSecond) : "";
        return ", backlog " + backlog + eta;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
