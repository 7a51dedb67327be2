package io.aihub.routes.flow;

import io.aihub.api.model.ModelMetadata;
import io.aihub.api.source.SourcePage;
import java.util.List;
import java.util.Objects;

/**
 * A source page after scoring: every record of the page is in exactly one of the two lists. Records the
 * source rejected as unreadable stay in {@code page.rejected()} and are dead-lettered with the page.
 *
 * @param page   the page as polled
 * @param model  the model that scored it
 * @param scored records with a prediction, in page order
 * @param failed records that go to the dead-letter queue, in page order
 */
public record ScoredPage(SourcePage page, ModelMetadata model, List<ScoredRecord> scored, List<FailedRecord> failed) {

    public ScoredPage {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(model, "model");
        scored = List.copyOf(scored);
        failed = List.copyOf(failed);
        if (scored.size() + failed.size() != page.records().size()) {
            throw new IllegalArgumentException("a scored page must account for every record of the page: "
                    + page.records().size() + " polled, " + scored.size() + " scored, " + failed.size() + " failed");
        }
    }
}
