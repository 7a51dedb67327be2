package io.aihub.routes.flow;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batches single records arriving on many threads (webhook requests) into pages: a page closes when it
 * holds {@code maxBatch} records or {@code maxWaitMs} after its first record arrived. One worker thread scores
 * and delivers each page with one model call and one broker transaction; every caller's future completes only
 * after that transaction committed (or fails with what went wrong), so a request is answered 2xx only once its
 * record is durably on the broker.
 */
public final class EventBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatcher.class);

    /** What happened to one record: scored and published, or dead-lettered with a reason. */
    public record Outcome(boolean scored, String code) {
    }

    private record Pending(SourceRecord record, CompletableFuture<Outcome> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final long maxWaitMs;
    private final Function<SourcePage, ScoredPage> scorer;
    private final java.util.function.Consumer<ScoredPage> delivery;
    private final Thread worker;
    private volatile boolean running = true;

    /**
     * @param scorer   scores a page (one model call)
     * @param delivery publishes a scored page in one broker transaction; throws when the broker did not take it
     */
    public EventBatcher(String name, int maxBatch, long maxWaitMs, Function<SourcePage, ScoredPage> scorer,
            java.util.function.Consumer<ScoredPage> delivery) {
        if (maxBatch < 1 || maxWaitMs < 0) {
            throw new IllegalArgumentException("maxBatch must be at least 1 and maxWaitMs at least 0");
        }
        this.maxBatch = maxBatch;
        this.maxWaitMs = maxWaitMs;
        this.scorer = scorer;
        this.delivery = delivery;
        this.worker = new Thread(this::loop, "aihub-events-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues a record; the future completes once its page is delivered, or fails with why it was not. */
    public CompletableFuture<Outcome> submit(SourceRecord record) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new IllegalStateException("the route is stopping"));
            return done;
        }
        queue.add(new Pending(record, done));
        return done;
    }

    private void loop() {
        while (running || !queue.isEmpty()) {
            List<Pending> batch = new ArrayList<>(maxBatch);
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
            if (!batch.isEmpty()) {
                process(batch);
            }
        }
    }

    private void process(List<Pending> batch) {
        try {
            List<SourceRecord> records = batch.stream().map(Pending::record).toList();
            ScoredPage scored = scorer.apply(new SourcePage(records, SourcePosition.START, false));
            delivery.accept(scored);
            java.util.Map<SourceRecord, String> failed = new java.util.IdentityHashMap<>();
            scored.failed().forEach(f -> failed.put(f.record(), f.error().code()));
            for (Pending p : batch) {
                String code = failed.get(p.record());
                p.done().complete(new Outcome(code == null, code));
            }
        } catch (RuntimeException e) {
            LOG.warn("AIHUB-EVENTS-0001 a batch of {} event(s) was not delivered ({}); the senders are told to retry",
                    batch.size(), e.getClass().getSimpleName());
            batch.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    /** Stops taking records, delivers what is queued, and waits up to 30 s for the worker. */
    @Override
    public void close() {
        running = false;
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("the route stopped"));
        }
    }
}
