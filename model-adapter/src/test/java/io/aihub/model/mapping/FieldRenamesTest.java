package io.aihub.model.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import org.junit.jupiter.api.Test;

class FieldRenamesTest {

    @Test
    void parsesRenamesInOrderIgnoringBlanks() {
        assertThat(FieldRenames.parse(" NPS__c = aihub_nps ,, Plan__c=aihub_plan"))
                .containsExactly(java.util.Map.entry("NPS__c", "aihub_nps"), java.util.Map.entry("Plan__c", "aihub_plan"));
        assertThat(FieldRenames.parse("")).isEmpty();
        assertThat(FieldRenames.parse(null)).isEmpty();
    }

    @Test
    void namesEveryMalformedOrRepeatedEntry() {
        assertThatThrownBy(() -> FieldRenames.parse("a=b,nonsense,=x,y=,a=c"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "'nonsense' is not <model field>=<record field>",
                        "'=x' is not <model field>=<record field>",
                        "'y=' is not <model field>=<record field>",
                        "'a' is renamed twice"));
    }
}
