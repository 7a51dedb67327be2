package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.model.ModelOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassProbabilitiesTest {

    private static final List<String> LABELS = List.of("no", "yes");

    private static ModelOutcome outcome(double... probabilities) {
        return ClassProbabilities.toOutcome(probabilities, LABELS, "yes", "churn 1.0.0");
    }

    @Test
    void validRowGivesArgmaxLabelPositiveScoreAndEveryLabelsProbability() {
        ModelOutcome outcome = outcome(0.3, 0.7);

        assertThat(outcome.isSuccess()).isTrue();
        assertThat(outcome.prediction().label()).isEqualTo("yes");
        assertThat(outcome.prediction().score()).isEqualTo(0.7);
        assertThat(outcome.prediction().scores()).containsExactly(Map.entry("no", 0.3), Map.entry("yes", 0.7));
    }

    @Test
    void scoreIsThePositiveLabelsProbabilityEvenWhenAnotherLabelWins() {
        ModelOutcome outcome = outcome(0.9, 0.1);

        assertThat(outcome.prediction().label()).isEqualTo("no");
        assertThat(outcome.prediction().score()).isEqualTo(0.1);
    }

    @Test
    void nonFiniteProbabilityFailsTheRowAsInvalidOutput() {
        assertInvalid(outcome(Double.NaN, 0.5), "the value for label 'no' is not a finite number");
        assertInvalid(outcome(0.5, Double.POSITIVE_INFINITY), "the value for label 'yes' is not a finite number");
    }

    @Test
    void probabilityOutsideZeroToOneFailsTheRowAsInvalidOutput() {
        assertInvalid(outcome(-0.2, 1.2), "the value for label 'no' is outside [0, 1]");
        assertInvalid(outcome(0.4, 1.0000001), "the value for label 'yes' is outside [0, 1]");
    }

    @Test
    void valuesThatDoNotSumToOneOrDoNotMatchTheLabelsFailTheRow() {
        assertInvalid(outcome(0.2, 0.2), "the values do not sum to 1");
        assertInvalid(outcome(0.2, 0.3, 0.5), "3 values for 2 labels");
    }

    private static void assertInvalid(ModelOutcome outcome, String problem) {
        assertThat(outcome.isSuccess()).isFalse();
        assertThat(outcome.error().code()).isEqualTo("MODEL_INVALID_OUTPUT");
        assertThat(outcome.error().retriable()).isFalse();
        assertThat(outcome.error().getMessage()).isEqualTo("model churn 1.0.0 returned invalid probabilities: "
                + problem);
    }
}
