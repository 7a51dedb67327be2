package io.aihub.routes.flow;

import io.aihub.api.envelope.PredictionBlock;
import io.aihub.api.envelope.PredictionData;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.envelope.RouteBlock;
import io.aihub.api.envelope.SourceBlock;
import io.aihub.api.model.TokenUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Prediction events for tests. */
public final class TestEvents {

    private TestEvents() {
    }

    /** An event of route {@code route} for record {@code recordId} (version v7) with the given churn score. */
    public static PredictionEvent event(String route, String recordId, double score) {
        return event(route, recordId, score, null);
    }

    /** The same, with the tokens a chat model used for the record (null for none). */
    public static PredictionEvent event(String route, String recordId, double score, TokenUsage usage) {
        return PredictionEvent.of(new PredictionData(
                new SourceBlock("crm", "salesforce", "Account", recordId, "v7", null), Map.of("f", 1),
                new PredictionBlock("churn", "1.0.0", "onnx", score >= 0.5 ? "yes" : "no", score,
                        Map.of("yes", score, "no", 1 - score), 1, "0".repeat(64), null, List.of(), usage),
                new RouteBlock(route, "dev")), Instant.parse("2026-11-22T00:00:00Z"));
    }
}
