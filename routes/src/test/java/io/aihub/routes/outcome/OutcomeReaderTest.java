package io.aihub.routes.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.routes.store.Outcome;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutcomeReaderTest {

    private static final Instant MODIFIED = Instant.parse("2026-03-01T10:00:00Z");

    private static SourceRecord record(String id, Object churned, String churnDate) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("Churned__c", churned);
        fields.put("Churn_Date__c", churnDate);
        return new SourceRecord("crm-outcomes", "Account", id, "v1", MODIFIED, fields, SourcePosition.START);
    }

    @Test
    void shouldMapValuesToLabelsAndSkipRecordsWithoutAnOutcome() {
        OutcomeReader reader = new OutcomeReader("crm-account-churn", "Churned__c", "true=yes, false=no", "yes",
                "Churn_Date__c");
        OutcomeReader.Result result = reader.read(List.of(
                record("A", true, "2026-02-10T08:00:00.000+0000"),
                record("B", false, null),
                record("C", null, null),
                record("D", "maybe", null),
                record("E", "TRUE", "2026-02-11")));

        assertThat(result.pending()).isEqualTo(1);
        assertThat(result.unmapped()).isEqualTo(1);
        assertThat(result.outcomes()).extracting(Outcome::recordId).containsExactly("A", "B", "E");
        Outcome a = result.outcomes().get(0);
        assertThat(a.routeId()).isEqualTo("crm-account-churn");
        assertThat(a.label()).isEqualTo("yes");
        assertThat(a.positive()).isTrue();
        assertThat(a.observedAt()).isEqualTo(Instant.parse("2026-02-10T08:00:00Z"));
        assertThat(a.source()).isEqualTo("crm-outcomes/Account.Churned__c");
        Outcome b = result.outcomes().get(1);
        assertThat(b.label()).isEqualTo("no");
        assertThat(b.positive()).isFalse();
        assertThat(b.observedAt()).as("no date: the record's modification time").isEqualTo(MODIFIED);
        assertThat(result.outcomes().get(2).observedAt()).isEqualTo(Instant.parse("2026-02-11T00:00:00Z"));
    }

    @Test
    void shouldReportEveryConfigurationProblemAtOnce() {
        assertThatThrownBy(() -> new OutcomeReader("r", "", "true", "maybe", ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("labelField is required")
                .hasMessageContaining("labels entry 'true' is not <field value>=<label>");
        assertThatThrownBy(() -> new OutcomeReader("r", "Churned__c", "true=yes,false=no", "churned", ""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("positiveLabel 'churned' is not one of the labels");
    }
}
