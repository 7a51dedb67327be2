package io.aihub.connectors.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.aihub.api.error.AihubException;
import io.aihub.api.json.HubJson;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.api.source.SourceTask;
import io.aihub.simulators.hostile.HostileBodies;
import io.aihub.simulators.hostile.HostileBody;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every CRM/ERP source connector must do when its system answers a query with a hostile body
 * ({@link HostileBody}): JSON nested {@value HostileBodies#DEEP_NESTING} deep, a
 * {@value HostileBodies#HUGE_BODY_BYTES}-byte chunked body, or a page with a
 * {@value HostileBodies#LONG_STRING_CHARS}-character string. Each poll fails with a specific error naming the
 * limit (never a {@link StackOverflowError}, never the payload) or, for a connector that dead-letters single records
 * ({@link #deadLettersRecord}), returns the spoiled record as rejected with that error; a huge body is cut off after
 * a fraction of it with the heap flat; and the next poll reads the page after the last position returned: nothing
 * is skipped.
 */
public abstract class HostileResponseContract {

    private static final long MIB = 1L << 20;
    /** How much more heap may stay in use after the huge body was refused; the body itself is 256 MiB. */
    private static final long HEAP_GROWTH_CEILING = 64 * MIB;
    /** What the simulator may write past the connector's limit before it notices (socket buffers, its chunks). */
    private static final long SEND_SLACK = 16 * MIB;

    /** A started task reading from {@code from}, in pages small enough that the system holds several. */
    protected abstract SourceTask startTask(SourcePosition from);

    /** Makes the system answer its next query (or read) with {@code kind}. */
    protected abstract void answerNextQueryWith(HostileBody kind);

    /** The body bytes the system sent in its last hostile answer. */
    protected abstract long lastHostileBytesSent();

    /** The error code the connector must fail a poll with for {@code kind}. */
    protected abstract String expectedCode(HostileBody kind);

    /**
     * Text naming the limit that the error message must contain for {@code kind} (e.g. the limit's value): by
     * default the shared JSON read limits ({@link HubJson}) and the bounded body ({@link #responseLimitBytes()}).
     */
    protected String expectedLimitText(HostileBody kind) {
        return switch (kind) {
            case DEEP_NESTING -> "maximum allowed (" + HubJson.MAX_NESTING_DEPTH + ",";
            case LONG_STRING -> "maximum allowed (" + HubJson.MAX_STRING_LENGTH + ",";
            case HUGE_CHUNKED -> "larger than " + responseLimitBytes() + " bytes";
        };
    }

    /** The most bytes of a response the connector reads before cutting it off. */
    protected abstract long responseLimitBytes();

    /**
     * True when the connector answers {@code kind} by returning the page with its one record rejected (to be
     * dead-lettered with the error) instead of failing the poll.
     */
    protected boolean deadLettersRecord(HostileBody kind) {
        return false;
    }

    @Test
    void deeplyNestedJsonShouldFailWithTheNestingLimitAndNoStackOverflow() {
        assertRefusedThenResumed(HostileBody.DEEP_NESTING);
    }

    @Test
    void aLongStringShouldFailWithTheStringLimit() {
        assertRefusedThenResumed(HostileBody.LONG_STRING);
    }

    @Test
    void aHugeChunkedBodyShouldBeCutOffWithTheHeapFlat() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (SourceTask warmUp = startTask(SourcePosition.START)) {
            warmUp.poll();
        }
        long before = usedHeapAfterGc(memory);

        assertRefusedThenResumed(HostileBody.HUGE_CHUNKED);

        long after = usedHeapAfterGc(memory);
        assertThat(lastHostileBytesSent()).as("bytes of the huge body the simulator could send")
                .isPositive().isLessThan(responseLimitBytes() + SEND_SLACK)
                .isLessThan(HostileBodies.HUGE_BODY_BYTES * 3 / 8);
        assertThat(after - before).as("heap still used after the huge body (before %d MiB, after %d MiB)",
                before / MIB, after / MIB).isLessThan(HEAP_GROWTH_CEILING);
    }

    private void assertRefusedThenResumed(HostileBody kind) {
        try (SourceTask task = startTask(SourcePosition.START)) {
            SourcePage first = task.poll();
            assertThat(first.records()).isNotEmpty();
            assertThat(first.hasMore()).as("the system must hold more than one page").isTrue();

            answerNextQueryWith(kind);
            SourcePage[] returned = new SourcePage[1];
            Throwable failure = catchThrowable(() -> returned[0] = task.poll());

            assertNoStackOverflow(failure);
            AihubException error;
            SourcePosition resumeAfter;
            if (deadLettersRecord(kind)) {
                assertThat(failure).as("the poll after a %s answer", kind).isNull();
                assertThat(returned[0].records()).isEmpty();
                assertThat(returned[0].rejected()).hasSize(1);
                error = returned[0].rejected().get(0).error();
                resumeAfter = returned[0].position();
            } else {
                assertThat(failure).as("the poll after a %s answer", kind).isInstanceOf(AihubException.class);
                error = (AihubException) failure;
                resumeAfter = first.position();
            }
            assertThat(error.code()).isEqualTo(expectedCode(kind));
            assertThat(error.getMessage()).contains(expectedLimitText(kind)).doesNotContain("xxxxxxxx");

            Set<String> resumed = ids(task.poll());
            assertThat(resumed).as("the page after the last position returned").isNotEmpty()
                    .isEqualTo(nextPageIds(resumeAfter));
        }
    }

    private Set<String> nextPageIds(SourcePosition after) {
        try (SourceTask reference = startTask(after)) {
            return ids(reference.poll());
        }
    }

    private static Set<String> ids(SourcePage page) {
        return page.records().stream().map(SourceRecord::id).collect(Collectors.toSet());
    }

    private static void assertNoStackOverflow(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            assertThat(t).isNotInstanceOf(StackOverflowError.class);
            for (Throwable suppressed : t.getSuppressed()) {
                assertThat(suppressed).isNotInstanceOf(StackOverflowError.class);
            }
        }
    }

    /** Used heap after a full collection, the lowest of three readings (a collection may run late). */
    private static long usedHeapAfterGc(MemoryMXBean memory) {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
