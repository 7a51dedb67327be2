package io.aihub.routes.flow;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Micro-batches single records arriving on many threads (webhook requests) into pages. One worker thread takes
 * what is queued, up to {@code maxBatch} records, as soon as it is free, and scores and delivers it with one model
 * call and one broker transaction; records arriving meanwhile form the next page, so pages grow with the load
 * by themselves. With {@code maxWaitMs} above 0 the worker lingers, when fewer than {@code maxBatch} records are
 * queued, until {@code maxWaitMs} after the oldest one arrived: fewer transactions at low rates, for that much
 * latency. At most {@code maxPending} records wait; beyond that {@link #submit} refuses at once.
 *
 * <p>Every caller's future completes only after its page's transaction committed (or fails with what went
 * wrong), so a request is answered 2xx only once its record is durably on the broker. A refused record's
 * future fails with {@link Refused}. {@link #submit}, {@link #refuseQueued} and {@link #close} may be called
 * from any thread; futures complete on the worker thread (or the caller's, for a refusal).
 */
public final class EventBatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventBatcher.class);

    /** What happened to one record: scored and published, or dead-lettered with a reason. */
    public record Outcome(boolean scored, String code) {
    }

    /** Why a record was not taken: the queue was full, or the batcher is stopping. The sender should retry. */
    public static final class Refused extends RuntimeException {

        private final boolean full;

        Refused(String message, boolean full) {
            super(message, null, false, false);
            this.full = full;
        }

        /** True when {@code maxPending} records were already waiting; false when the batcher is stopping. */
        public boolean full() {
            return full;
        }
    }

    private record Pending(SourceRecord record, CompletableFuture<Outcome> done, long arrivedNanos) {
    }

    private final String name;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final int maxPending;
    private final Function<SourcePage, ScoredPage> scorer;
    private final Consumer<ScoredPage> delivery;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Thread worker;
    private boolean running = true;
    private boolean warnedFull;

    /**
     * @param maxBatch   records in one page at most
     * @param maxWaitMs  how long the worker may linger for more records after the oldest queued one arrived; 0
     *                   takes what is queued at once
     * @param maxPending records waiting (not yet in a page) at most
     * @param scorer     scores a page (one model call)
     * @param delivery   publishes a scored page in one broker transaction; throws when the broker did not take it
     */
    public EventBatcher(String name, int maxBatch, long maxWaitMs, int maxPending,
            Function<SourcePage, ScoredPage> scorer, Consumer<ScoredPage> delivery) {
        if (maxBatch < 1 || maxWaitMs < 0 || maxPending < 1) {
            throw new IllegalArgumentException(
                    "maxBatch and maxPending must be at least 1 and maxWaitMs at least 0");
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        this.maxPending = maxPending;
        this.scorer = scorer;
        this.delivery = delivery;
        this.worker = new Thread(this::loop, "aihub-events-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /**
     * Queues a record without blocking; the future completes once its page is delivered, or fails with why it
     * was not ({@link Refused} at once when {@code maxPending} records wait or the batcher is stopping).
     */
    public CompletableFuture<Outcome> submit(SourceRecord record) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Refused refused = null;
        lock.lock();
        try {
            if (!running) {
                refused = new Refused("the route is stopping", false);
            } else if (queue.size() >= maxPending) {
                refused = new Refused(maxPending + " events are already waiting", true);
                if (!warnedFull) {
                    warnedFull = true;
                    LOG.warn("AIHUB-EVENTS-0004 route {} has {} events waiting (maxPending); new ones are answered"
                            + " 503 until it catches up", name, maxPending);
                }
            } else {
                queue.add(new Pending(record, done, System.nanoTime()));
                arrived.signal();
            }
        } finally {
            lock.unlock();
        }
        if (refused != null) {
            done.completeExceptionally(refused);
        }
        return done;
    }

    /** Records waiting for a page now (not counting the page being delivered). */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses the records still waiting (their futures fail with {@link Refused}, so their senders retry) and
     * ends a linger; the page being delivered completes as usual, and new records are taken again.
     *
     * @return how many records were refused
     */
    public int refuseQueued() {
        List<Pending> refused;
        lock.lock();
        try {
            refused = new ArrayList<>(queue);
            queue.clear();
            arrived.signal();
        } finally {
            lock.unlock();
        }
        if (!refused.isEmpty()) {
            LOG.info("AIHUB-EVENTS-0005 route {} is stopping with {} event(s) waiting; they are answered 503 so"
                    + " their senders retry", name, refused.size());
        }
        Refused stopping = new Refused("the route is stopping", false);
        refused.forEach(p -> p.done().completeExceptionally(stopping));
        return refused.size();
    }

    private void loop() {
        while (true) {
            List<Pending> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (batch == null) {
                return;
            }
            if (!batch.isEmpty()) {
                process(batch);
            }
        }
    }

    /** Waits for records and takes up to {@code maxBatch}; empty after a refusal, null once stopped. */
    private List<Pending> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (running && queue.isEmpty()) {
                arrived.await();
            }
            if (!running) {
                return null;
            }
            if (maxWaitNanos > 0) {
                long deadline = queue.peek().arrivedNanos() + maxWaitNanos;
                long left;
                while (running && !queue.isEmpty() && queue.size() < maxBatch
                        && (left = deadline - System.nanoTime()) > 0) {
                    arrived.awaitNanos(left);
                }
            }
            List<Pending> batch = new ArrayList<>(Math.min(maxBatch, queue.size()));
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            if (queue.size() < maxPending / 2) {
                warnedFull = false;
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void process(List<Pending> batch) {
        try {
            List<SourceRecord> records = batch.stream().map(Pending::record).toList();
            ScoredPage scored = scorer.apply(new SourcePage(records, SourcePosition.START, false));
            delivery.accept(scored);
            Map<SourceRecord, String> failed = new IdentityHashMap<>();
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

    /**
     * Stops taking records, refuses those still waiting (their senders retry), and waits up to 30 s for the page
     * being delivered. Safe to call more than once.
     */
    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            arrived.signal();
        } finally {
            lock.unlock();
        }
        refuseQueued();
        try {
            worker.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
