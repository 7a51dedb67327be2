package io.aihub.connectors.contract;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourceRecord;
import io.aihub.api.source.SourceTask;
import java.util.ArrayList;
import java.util.List;

/** Polls a source task the way the runtime does, recording every page. */
public final class SourceDrain {

    private static final int MAX_POLLS = 1_000;

    public final List<SourcePage> pages = new ArrayList<>();

    /** Polls {@code count} pages. */
    public SourceDrain poll(SourceTask task, int count) {
        for (int i = 0; i < count; i++) {
            pages.add(task.poll());
        }
        return this;
    }

    /** Polls until a poll starting a new query finds nothing; fails rather than loop for ever. */
    public SourceDrain untilEmpty(SourceTask task) {
        for (int i = 0; i < MAX_POLLS; i++) {
            SourcePage page = task.poll();
            pages.add(page);
            if (page.isEmpty() && !page.hasMore()) {
                return this;
            }
        }
        throw new AssertionError("the source did not run dry within " + MAX_POLLS + " polls");
    }

    public List<SourceRecord> records() {
        return pages.stream().flatMap(p -> p.records().stream()).toList();
    }

    public List<String> ids() {
        List<String> ids = new ArrayList<>();
        records().forEach(r -> ids.add(r.id()));
        return ids;
    }

    public SourcePage last() {
        return pages.get(pages.size() - 1);
    }
}
