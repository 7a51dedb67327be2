package io.aihub.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {

    @Test
    void aucCountsTheShareOfCorrectlyOrderedPositiveNegativePairs() {
        // Pairs (positive, negative): (0.35, 0.1) right, (0.35, 0.4) wrong, (0.8, 0.1) right, (0.8, 0.4) right.
        double auc = ClassificationMetrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8},
                new boolean[] {false, false, true, true});

        assertThat(auc).isEqualTo(0.75);
    }

    @Test
    void aucCountsTiedPairsAsOneHalf() {
        // Positives 0.5, 0.7; negatives 0.5, 0.2. Pairs: (0.5, 0.5) tie = 0.5, (0.5, 0.2) = 1, (0.7, 0.5) = 1,
        // (0.7, 0.2) = 1; total 3.5 of 4.
        double auc = ClassificationMetrics.rocAuc(new double[] {0.5, 0.7, 0.5, 0.2},
                new boolean[] {true, true, false, false});

        assertThat(auc).isEqualTo(0.875);
    }

    @Test
    void aucOfAllTiedScoresIsOneHalf() {
        assertThat(ClassificationMetrics.rocAuc(new double[] {0.3, 0.3, 0.3, 0.3, 0.3},
                new boolean[] {true, false, false, true, false})).isEqualTo(0.5);
    }

    @Test
    void aucIsOneForAPerfectRankingAndZeroForAReversedOne() {
        double[] scores = {0.9, 0.8, 0.2, 0.1};

        assertThat(ClassificationMetrics.rocAuc(scores, new boolean[] {true, true, false, false})).isEqualTo(1.0);
        assertThat(ClassificationMetrics.rocAuc(scores, new boolean[] {false, false, true, true})).isEqualTo(0.0);
    }

    @Test
    void aucNeedsBothClasses() {
        assertThatThrownBy(() -> ClassificationMetrics.rocAuc(new double[] {0.1, 0.2}, new boolean[] {true, true}))
                .hasMessageContaining("both positive and negative");
    }

    @Test
    void logLossIsTheMeanNegativeLogOfTheTrueLabelsProbability() {
        double logLoss = ClassificationMetrics.logLoss(new double[] {0.5, 0.25});

        assertThat(logLoss).isCloseTo((Math.log(2) + Math.log(4)) / 2, offset(1e-12));
        assertThat(ClassificationMetrics.logLoss(new double[] {0.0})).isCloseTo(-Math.log(1e-15), offset(1e-9));
    }

    @Test
    void accuracyIsTheShareOfCorrectRows() {
        assertThat(ClassificationMetrics.accuracy(new boolean[] {true, false, true, true})).isEqualTo(0.75);
    }
}
