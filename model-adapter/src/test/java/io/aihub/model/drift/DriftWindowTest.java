package io.aihub.model.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.model.FeatureStatistics;
import io.aihub.model.Histogram;
import io.aihub.model.TrainingSummary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DriftWindowTest {

    private static TrainingSummary training() {
        SplittableRandom rnd = new SplittableRandom(1);
        double[] x = new double[20_000];
        double[] score = new double[20_000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
            score[i] = rnd.nextDouble();
        }
        return new TrainingSummary(20_000, 1, 0.2, "2026-01-01T00:00:00Z", Map.of(
                "x", new FeatureStatistics(0, 1, -4, 4, 0.0, Histogram.of(x, 10)),
                "old", new FeatureStatistics(0, 1, -4, 4, 0.0)),
                new FeatureStatistics(0.5, 0.29, 0, 1, 0, Histogram.of(score, 10)));
    }

    @Test
    void shouldStayLowForTheTrainingDistributionAndRiseForAShiftedOne() {
        SplittableRandom rnd = new SplittableRandom(2);
        DriftWindow same = new DriftWindow(training());
        DriftWindow shifted = new DriftWindow(training());
        for (int i = 0; i < 500; i++) {
            double score = rnd.nextDouble();
            same.add(Map.of("x", rnd.nextGaussian()), Set.of(), score);
            shifted.add(Map.of("x", rnd.nextGaussian() + 1.0), Set.of(), score);
        }
        List<FeatureDrift> stable = same.measure();
        assertThat(stable).extracting(FeatureDrift::feature).containsExactly("x", DriftWindow.SCORE);
        assertThat(stable).allSatisfy(d -> assertThat(d.psi()).isLessThan(0.1));
        assertThat(shifted.measure().get(0).psi()).isGreaterThan(0.2);
        assertThat(shifted.measure().get(1).psi()).isLessThan(0.1);
    }

    @Test
    void shouldCountMissingAndOutOfRangeRecords() {
        DriftWindow window = new DriftWindow(training());
        window.add(Map.of("x", 0.0), Set.of("x"), 0.5);
        window.add(Map.of("x", 9.0), Set.of(), 0.5);
        window.add(Map.of("x", -0.5), Set.of(), 0.5);
        window.add(Map.of("x", 4.0), Set.of(), 0.5);
        FeatureDrift x = window.measure().get(0);
        assertThat(x.missingRate()).isEqualTo(0.25);
        assertThat(x.outOfRangeRate()).isEqualTo(0.25);
        assertThat(window.records()).isEqualTo(4);
    }

    @Test
    void shouldGiveZeroForAnEmptyWindowAndMeasureNothingWithoutBins() {
        assertThat(PopulationStability.index(List.of(0.5, 0.5), new long[2])).isZero();
        assertThat(PopulationStability.index(List.of(0.5, 0.5), new long[] {50, 50})).isZero();
        assertThat(DriftWindow.measurable(new TrainingSummary(2, 1, 0.5, "2026-01-01T00:00:00Z",
                Map.of("old", new FeatureStatistics(0, 1, -4, 4, 0.0))))).isFalse();
        assertThat(DriftWindow.measurable(training())).isTrue();
    }
}
