package io.aihub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelMetadata;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook micro-batcher: a batch takes what waits as soon as the worker is free (so batches grow with the
 * load), lingers only when told to, refuses at once beyond {@code maxPending} and when stopping, and completes a
 * future only after its page's delivery returned.
 */
class EventBatcherTest {

    private static final ModelMetadata MODEL = new ModelMetadata("m", "1.0.0", "test",
            List.of(new FeatureSpec("x", "float")), List.of("no", "yes"), "yes");

    private final List<Integer> delivered = new CopyOnWriteArrayList<>();
    /** Holds the worker inside the first delivery until released. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch firstDeliveryStarted = new CountDownLatch(1);
    private EventBatcher batcher;

    @AfterEach
    void close() {
        release.countDown();
        if (batcher != null) {
            batcher.close();
        }
    }

    @Test
    void shouldTakeEverythingThatArrivedDuringTheLastDeliveryAsTheNextBatch() throws Exception {
        batcher = new EventBatcher("t", 100, 0, 1_000, EventBatcherTest::deadLetterAll, this::blockFirst);
        CompletableFuture<EventBatcher.Outcome> first = batcher.submit(record("r0"));
        assertThat(firstDeliveryStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<EventBatcher.Outcome>> rest = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            rest.add(batcher.submit(record("r" + i)));
        }
        assertThat(first).isNotDone();
        release.countDown();

        CompletableFuture.allOf(rest.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(first.get()).isEqualTo(new EventBatcher.Outcome(false, "TEST_DEAD_LETTER"));
        assertThat(delivered).containsExactly(1, 30);
    }

    @Test
    void shouldCloseALingeringBatchOnceItIsFull() throws Exception {
        batcher = new EventBatcher("t", 5, 60_000, 1_000, EventBatcherTest::deadLetterAll, this::record);
        List<CompletableFuture<EventBatcher.Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(batcher.submit(record("r" + i)));
        }
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> delivered.isEmpty());
        futures.add(batcher.submit(record("r4")));

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(delivered).containsExactly(5);
    }

    @Test
    void shouldRefuseAtOnceWhenMaxPendingEventsWait() throws Exception {
        batcher = new EventBatcher("t", 100, 0, 3, EventBatcherTest::deadLetterAll, this::blockFirst);
        CompletableFuture<EventBatcher.Outcome> inDelivery = batcher.submit(record("r0"));
        assertThat(firstDeliveryStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<EventBatcher.Outcome>> waiting = List.of(batcher.submit(record("r1")),
                batcher.submit(record("r2")), batcher.submit(record("r3")));

        CompletableFuture<EventBatcher.Outcome> refused = batcher.submit(record("r4"));

        assertThat(refused).isCompletedExceptionally();
        assertThat(refused.handle((o, e) -> e).get()).isInstanceOf(EventBatcher.Refused.class)
                .satisfies(e -> assertThat(((EventBatcher.Refused) e).full()).isTrue());
        assertThat(batcher.pending()).isEqualTo(3);
        release.countDown();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(inDelivery).isCompleted();
        assertThat(delivered).containsExactly(1, 3);
    }

    @Test
    void shouldRefuseTheWaitingEventsButFinishTheBatchInDeliveryWhenClosed() throws Exception {
        batcher = new EventBatcher("t", 100, 0, 1_000, EventBatcherTest::deadLetterAll, this::blockFirst);
        CompletableFuture<EventBatcher.Outcome> inDelivery = batcher.submit(record("r0"));
        assertThat(firstDeliveryStarted.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<EventBatcher.Outcome> waiting = batcher.submit(record("r1"));

        Thread closer = new Thread(batcher::close);
        closer.start();
        CompletableFuture<?> refused = waiting.handle((o, e) -> e);
        assertThat(refused.get(10, TimeUnit.SECONDS)).isInstanceOf(EventBatcher.Refused.class)
                .satisfies(e -> assertThat(((EventBatcher.Refused) e).full()).isFalse());
        assertThat(batcher.submit(record("r2"))).isCompletedExceptionally();
        release.countDown();
        closer.join(10_000);

        assertThat(inDelivery.get(10, TimeUnit.SECONDS).code()).isEqualTo("TEST_DEAD_LETTER");
        assertThat(delivered).containsExactly(1);
    }

    @Test
    void shouldEndALingerWhenTheWaitingEventsAreRefusedAndKeepTakingNewOnes() throws Exception {
        batcher = new EventBatcher("t", 50, 60_000, 1_000, EventBatcherTest::deadLetterAll, this::record);
        CompletableFuture<EventBatcher.Outcome> lingering = batcher.submit(record("r0"));

        assertThat(batcher.refuseQueued()).isEqualTo(1);

        assertThat(lingering.handle((o, e) -> e).get(10, TimeUnit.SECONDS)).isInstanceOf(EventBatcher.Refused.class);
        List<CompletableFuture<EventBatcher.Outcome>> next = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            next.add(batcher.submit(record("r" + i)));
        }
        CompletableFuture.allOf(next.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(delivered).containsExactly(50);
    }

    private void record(ScoredPage page) {
        delivered.add(page.page().records().size());
    }

    private void blockFirst(ScoredPage page) {
        delivered.add(page.page().records().size());
        firstDeliveryStarted.countDown();
        try {
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ScoredPage deadLetterAll(SourcePage page) {
        List<FailedRecord> failed = page.records().stream().map(r -> new FailedRecord(r,
                new PermanentException("TEST_DEAD_LETTER", "test"), "score")).toList();
        return new ScoredPage(page, MODEL, List.of(), failed);
    }

    private static SourceRecord record(String id) {
        return new SourceRecord("portal", "Account", id, "v1", Instant.EPOCH, Map.of("x", 1.0), SourcePosition.START);
    }
}
