package io.aihub.connectors.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.source.SourceConnector;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceTask;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every source connector must do, proved against its simulator (or real system). Subclasses supply the
 * connector, a configuration pointing at a system that holds {@link #expectedIds()}, and a way to make the
 * next request hang.
 */
public abstract class SourceConnectorContract {

    /** The connector under test. */
    protected abstract SourceConnector connector();

    /** A valid configuration for a system holding exactly {@link #expectedIds()}, read in small pages. */
    protected abstract Map<String, String> validConfig();

    /** The ids a full read must return, each exactly once. */
    protected abstract Set<String> expectedIds();

    /** A configuration with several problems at once. */
    protected abstract Map<String, String> invalidConfig();

    /** The keys the error for {@link #invalidConfig()} must name (every one of them). */
    protected abstract List<String> invalidKeys();

    /** Makes the system's next responses take at least {@code delay}, so a poll blocks. */
    protected abstract void delayNextRequests(Duration delay);

    /** How many data requests the system has received so far (counted on arrival, before any delay). */
    protected abstract long requestsReceived();

    private SourceTask started(SourcePosition from) {
        SourceTask task = connector().createTask("contract", validConfig());
        task.start(from);
        return task;
    }

    @Test
    void shouldRejectAnInvalidConfigurationNamingEveryProblem() {
        assertThatThrownBy(() -> connector().createTask("contract", invalidConfig()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(invalidKeys().size());
                    assertThat(e.getMessage()).contains(invalidKeys());
                });
    }

    @Test
    void shouldDeclareEveryConfigKeyWithDocumentation() {
        assertThat(connector().config().keys()).isNotEmpty()
                .allSatisfy(key -> assertThat(key.doc()).isNotBlank());
    }

    @Test
    void shouldReadEveryRecordExactlyOnce() {
        SourceDrain drain;
        try (SourceTask task = started(SourcePosition.START)) {
            drain = new SourceDrain().untilEmpty(task);
        }
        assertThat(drain.ids()).doesNotHaveDuplicates();
        assertThat(Set.copyOf(drain.ids())).isEqualTo(expectedIds());
    }

    @Test
    void shouldResumeFromTheCommittedPositionWithoutGapOrDuplicate() {
        SourceDrain before;
        try (SourceTask task = started(SourcePosition.START)) {
            before = new SourceDrain().poll(task, 2);
        }
        assertThat(before.records()).as("two pages read before the restart").isNotEmpty();
        SourcePosition committed = before.last().position();

        SourceDrain after;
        try (SourceTask task = started(committed)) {
            after = new SourceDrain().untilEmpty(task);
        }

        Set<String> overlap = new HashSet<>(before.ids());
        overlap.retainAll(after.ids());
        assertThat(overlap).as("read before and after the restart").isEmpty();
        Set<String> all = new HashSet<>(before.ids());
        all.addAll(after.ids());
        assertThat(all).isEqualTo(expectedIds());
    }

    @Test
    void rewindShouldReadAgainEverythingAfterTheCommittedPosition() {
        try (SourceTask task = started(SourcePosition.START)) {
            SourcePage first = task.poll();
            SourceDrain uncommitted = new SourceDrain().poll(task, 2);

            task.rewind(first.position());
            SourceDrain again = new SourceDrain().poll(task, 2);

            assertThat(again.ids()).isEqualTo(uncommitted.ids());
        }
    }

    @Test
    void stopFromAnotherThreadShouldUnblockPoll() throws Exception {
        SourceTask task = started(SourcePosition.START);
        delayNextRequests(Duration.ofSeconds(20));
        long before = requestsReceived();
        CompletableFuture<Object> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return task.poll();
            } catch (RetriableException e) {
                return e;
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsReceived() > before);
        assertThat(poll).as("poll is blocked on the delayed request").isNotDone();
        task.stop();
        Object outcome = poll.get(5, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOfAny(SourcePage.class, RetriableException.class);
        if (outcome instanceof SourcePage page) {
            assertThat(page.records()).isEmpty();
        }
        delayNextRequests(Duration.ZERO);
    }
}
