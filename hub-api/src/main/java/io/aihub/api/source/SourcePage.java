package io.aihub.api.source;

import java.util.List;
import java.util.Objects;

/**
 * One page polled from a source task.
 *
 * @param records  the records, in source order; may be empty
 * @param position the position after the whole page; committed by the runtime once the page is delivered
 * @param hasMore  true when the source already knows more records are waiting (poll again at once)
 * @param backlog  how many more records the source knows are waiting after this page, or
 *                 {@link #UNKNOWN_BACKLOG}; used for progress and ETA only, never for correctness
 */
public record SourcePage(List<SourceRecord> records, SourcePosition position, boolean hasMore, long backlog) {

    /** The backlog of a source that cannot tell how much is waiting. */
    public static final long UNKNOWN_BACKLOG = -1;

    public SourcePage {
        records = List.copyOf(records);
        Objects.requireNonNull(position, "position");
        if (backlog < UNKNOWN_BACKLOG) {
            throw new IllegalArgumentException("backlog must be -1 (unknown) or a count");
        }
    }

    /** A page from a source that cannot tell its backlog. */
    public SourcePage(List<SourceRecord> records, SourcePosition position, boolean hasMore) {
        this(records, position, hasMore, UNKNOWN_BACKLOG);
    }

    public static SourcePage empty(SourcePosition position) {
        return new SourcePage(List.of(), position, false, 0);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
