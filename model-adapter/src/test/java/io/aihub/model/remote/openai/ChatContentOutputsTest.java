package io.aihub.model.remote.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatContentOutputsTest {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "required",
            List.of("priority", "category", "confidence"), "properties", Map.of(
                    "priority", Map.of("type", "string"),
                    "category", Map.of("type", "string"),
                    "confidence", Map.of("type", "number")));
    private static final ChatSettings SETTINGS = new ChatSettings(null, "Ticket: {{body}}", "ticket_triage", SCHEMA,
            "category", "confidence", null, null);
    private static final List<String> LABELS = List.of("high|billing", "low|billing", "high|general", "low|general");

    private final ChatContent content = new ChatContent(SETTINGS, LABELS, List.of("priority", "category"),
            "triage 1.0.0");

    @Test
    void eachOutputPropertyBecomesThatOutputsLabelWithTheConfidence() {
        var outcome = content.toOutcome("{\"priority\":\"low\",\"category\":\"billing\",\"confidence\":0.7}");

        assertThat(outcome.isSuccess()).isTrue();
        var prediction = outcome.prediction();
        assertThat(prediction.outputs().get("priority").label()).isEqualTo("low");
        assertThat(prediction.outputs().get("category").label()).isEqualTo("billing");
        assertThat(prediction.outputs().get("category").score()).isEqualTo(0.7);
        assertThat(prediction.label()).isEqualTo("low");
    }

    @Test
    void aCombinationOutsideTheLabelsFailsTheRecordWithoutQuotingTheContent() {
        var outcome = content.toOutcome("{\"priority\":\"urgent\",\"category\":\"billing\",\"confidence\":0.7}");

        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("MODEL_INVALID_OUTPUT");
        assertThat(outcome.error().getMessage()).contains("are not a combination of the labels")
                .doesNotContain("urgent");
    }
}
