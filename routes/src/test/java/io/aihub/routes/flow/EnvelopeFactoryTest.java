package io.aihub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelMetadata;
import io.aihub.api.model.Prediction;
import io.aihub.api.model.TokenUsage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.routes.privacy.SensitiveFields;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EnvelopeFactoryTest {

    private static final ModelMetadata TRIAGE = new ModelMetadata("triage", "1.0.0", "openai-chat",
            List.of(new FeatureSpec("subject", "string")), List.of("billing", "general"), null);
    private static final SourceRecord TICKET = new SourceRecord("crm", "Case", "500A", "v3",
            Instant.parse("2026-01-05T08:00:00Z"), Map.of("Subject", "Invoice"),
            new SourcePosition(Map.of("id", "500A")));

    private final EnvelopeFactory factory = new EnvelopeFactory("ticket-triage", "dev",
            Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC));

    @Test
    void copiesTheRecordsTokenUsageIntoThePredictionBlock() {
        Prediction prediction = new Prediction("billing", 0.9, Map.of("billing", 0.9), new TokenUsage(57, 12));

        PredictionEvent event = factory.envelope(new ScoredRecord(TICKET, Map.of("Subject", "Invoice"), prediction,
                "a".repeat(64), 40), TRIAGE, "salesforce");

        assertThat(event.data().prediction().usage()).isEqualTo(new TokenUsage(57, 12));
    }

    @Test
    void leavesUsageOutForModelsThatReportNone() {
        Prediction prediction = new Prediction("billing", 0.9, Map.of("billing", 0.9));

        PredictionEvent event = factory.envelope(new ScoredRecord(TICKET, Map.of("Subject", "Invoice"), prediction,
                "a".repeat(64), 40), TRIAGE, "salesforce");

        assertThat(event.data().prediction().usage()).isNull();
    }

    @Test
    void protectsTheRoutesSensitiveFieldsInTheRecordBlockAndKeepsTheOthers() {
        SensitiveFields sensitive = SensitiveFields.parse("aihub.route.ticket-triage.sensitive",
                "Email__c:hash,Phone:mask,Notes:drop", Optional.of("a-test-key-of-32-bytes-length!!!"));
        EnvelopeFactory protecting = new EnvelopeFactory("ticket-triage", "dev",
                Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC), sensitive);
        Map<String, Object> used = new LinkedHashMap<>();
        used.put("Subject", "Invoice");
        used.put("Email__c", "jane.doe@example.com");
        used.put("Phone", "+44 7700 900123");
        used.put("Notes", "called twice");
        Prediction prediction = new Prediction("billing", 0.9, Map.of("billing", 0.9));

        PredictionEvent event = protecting.envelope(new ScoredRecord(TICKET, used, prediction, "a".repeat(64), 40),
                TRIAGE, "salesforce");

        Map<String, Object> record = event.data().record();
        assertThat(record).containsOnlyKeys("Subject", "Email__c", "Phone");
        assertThat(record.get("Subject")).isEqualTo("Invoice");
        assertThat((String) record.get("Email__c")).startsWith("hmac-sha256:").hasSize(12 + 64)
                .isEqualTo(sensitive.protect(Map.of("Email__c", "jane.doe@example.com")).get("Email__c"));
        assertThat(record.get("Phone")).isEqualTo("****0123");
        assertThat(new EnvelopeCodec().write(event)).doesNotContain("jane.doe", "7700", "called twice");
    }
}
