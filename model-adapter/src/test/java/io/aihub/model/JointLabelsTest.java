package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aihub.api.model.Prediction;
import io.aihub.api.model.TokenUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JointLabelsTest {

    private static final List<String> OUTPUTS = List.of("priority", "category");

    @Test
    void splitGivesEachOutputItsMarginalProbabilitiesAndMostProbableClass() {
        Map<String, Double> joint = new LinkedHashMap<>();
        joint.put("high|billing", 0.30);
        joint.put("high|technical", 0.25);
        joint.put("low|billing", 0.35);
        joint.put("low|technical", 0.10);

        Prediction split = JointLabels.split(new Prediction("low|billing", 0.35, joint), OUTPUTS);

        assertThat(split.outputs()).containsOnlyKeys("priority", "category");
        assertThat(split.outputs().get("priority").label()).isEqualTo("high");
        assertThat(split.outputs().get("priority").score()).isCloseTo(0.55, within(1e-9));
        assertThat(split.outputs().get("priority").scores()).containsOnlyKeys("high", "low");
        assertThat(split.outputs().get("category").label()).isEqualTo("billing");
        assertThat(split.outputs().get("category").score()).isCloseTo(0.65, within(1e-9));
        assertThat(split.label()).as("the first output is the top-level result").isEqualTo("high");
        assertThat(split.score()).isCloseTo(0.55, within(1e-9));
    }

    @Test
    void aChatAnswerWithOneCombinationGivesEachOutputThatClassAndConfidenceAndKeepsTheTokens() {
        Prediction chat = new Prediction("normal|account", 0.8, Map.of("normal|account", 0.8))
                .withUsage(new TokenUsage(40, 9));

        Prediction split = JointLabels.split(chat, OUTPUTS);

        assertThat(split.outputs().get("priority").label()).isEqualTo("normal");
        assertThat(split.outputs().get("category").label()).isEqualTo("account");
        assertThat(split.outputs().get("category").score()).isEqualTo(0.8);
        assertThat(split.usage()).isEqualTo(new TokenUsage(40, 9));
    }

    @Test
    void problemsNameEveryLabelThatIsNotOneClassPerOutput() {
        assertThat(JointLabels.problems(List.of("high|billing", "low"), OUTPUTS))
                .containsExactly("label 'low' must hold one class per output [priority, category], separated by '|'");
        assertThat(JointLabels.problems(List.of("high|billing"), List.of("priority")))
                .anyMatch(p -> p.startsWith("outputs must name at least two outputs"));
        assertThat(JointLabels.problems(List.of("high|billing", "low|technical"), OUTPUTS)).isEmpty();
    }

    @Test
    void aDescriptorWithOutputsRefusesLabelsThatAreNotJoint() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ModelDescriptor("t", "1.0.0", "onnx", "m.onnx",
                "in", "out", List.of("high", "low"), "high",
                List.of(new io.aihub.model.mapping.FeatureDefinition("x", "X", "float", 0)), null, null)
                .withOutputs(OUTPUTS))
                .hasMessageContaining("label 'high' must hold one class per output");
    }
}
