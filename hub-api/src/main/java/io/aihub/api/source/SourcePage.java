package io.aihub.api.source;

import java.util.List;
import java.util.Objects;

/**
 * One page polled from a source task. Every record the source read is either in {@code records} or, when it
 * could be read only as far as its id, in {@code rejected}.
 *
 * @param records  the records, in source order; may be empty
 * @param position the position after the whole page; committed by the runtime once the page is delivered
 * @param hasMore  true when the source already knows more records are waiting (poll again at once)
 * @param backlog  how many more records the source knows are waiting after this page, or
 *                 {@link #UNKNOWN_BACKLOG}; used for progress and ETA only, never for correctness
 * @param rejected records of this page that are unusable beyond their id, in source order; the runtime
 *                 dead-letters them with the page; may be empty. The position covers them too.
 */
public record SourcePage(List<SourceRecord> records, SourcePosition position, boolean hasMore, long backlog,
        List<RejectedRecord> rejected) {

    /** The backlog of a source that cannot tell how much is waiting. */
    public static final long UNKNOWN_BACKLOG = -1;

    public SourcePage {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(position, "position");
        if (backlog < UNKNOWN_BACKLOG) {
            throw new IllegalArgumentException("backlog must be -1 (unknown) or a count");
        }
    }

    /** A page without rejected records. */
    public SourcePage(List<SourceRecord> records, SourcePosition position, boolean hasMore, long backlog) {
        this(records, position, hasMore, backlog, List.of());
    }

    /** A page from a source that cannot tell its backlog. */
    public SourcePage(List<SourceRecord> records, SourcePosition position, boolean hasMore) {
        this(records, position, hasMore, UNKNOWN_BACKLOG);
    }

    public static SourcePage empty(SourcePosition position) {
        return new SourcePage(List.of(), position, false, 0);
    }

    /** True when the page holds neither records nor rejected records. */
    public boolean isEmpty() {
        return records.isEmpty() && rejected.isEmpty();
    }

    /** How many records the source read for this page: usable ones plus rejected ones. */
    public int size() {
        return records.size() + rejected.size();
    }
}
