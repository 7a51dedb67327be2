package io.aihub.routes.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class WriteBackMappingTest {

    private static PredictionEvent event(double score) {
        return TestEvents.event("r", "001A", score);
    }

    @Test
    void shouldWriteRoundedScoreAndRiskBand() {
        WriteBackMapping mapping = WriteBackMapping.parse("Churn_Score__c=score, Churn_Risk__c=band:High@0.6|Medium@0.3|Low");

        SinkRecord high = mapping.toSinkRecord(event(0.812345678));
        SinkRecord medium = mapping.toSinkRecord(event(0.3));
        SinkRecord low = mapping.toSinkRecord(event(0.05));

        assertThat(high.fields()).containsEntry("Churn_Score__c", 0.8123).containsEntry("Churn_Risk__c", "High");
        assertThat(medium.fields()).containsEntry("Churn_Risk__c", "Medium");
        assertThat(low.fields()).containsEntry("Churn_Risk__c", "Low");
        assertThat(high.recordId()).isEqualTo("001A");
        assertThat(high.version()).isEqualTo("v7");
        assertThat(high.eventId()).isEqualTo(event(0.812345678).id());
        assertThat(mapping.fields()).containsExactly("Churn_Score__c", "Churn_Risk__c");
    }

    @Test
    void shouldReportEveryProblemInTheDeclaration() {
        assertThatThrownBy(() -> WriteBackMapping.parse("A=scor,B,C=band:Low@0.1|High@0.5|None"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field A: unknown value 'scor'")
                .hasMessageContaining("'B' is not <field>=<value>")
                .hasMessageContaining("band minimums must decrease");
    }

    @Test
    void shouldRequireAMinimumOnEveryBandButTheLast() {
        assertThatThrownBy(() -> WriteBackMapping.parse("R=band:High|Low"))
                .hasMessageContaining("every band but the last needs @<min score>");
    }
}
