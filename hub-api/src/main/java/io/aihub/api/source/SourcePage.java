package io.aihub.api.source;

import java.util.List;
import java.util.Objects;

/**
 * One page polled from a source task.
 *
 * @param records  the records, in source order; may be empty
 * @param position the position after the whole page; committed by the runtime once the page is delivered
 * @param hasMore  true when the source already knows more records are waiting (poll again at once)
 */
public record SourcePage(List<SourceRecord> records, SourcePosition position, boolean hasMore) {

    public SourcePage {
        records = List.copyOf(records);
        Objects.requireNonNull(position, "position");
    }

    public static SourcePage empty(SourcePosition position) {
        return new SourcePage(List.of(), position, false);
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }
}
