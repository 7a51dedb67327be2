package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void shouldCutAContinuousSampleIntoEqualQuantileBins() {
        double[] values = new double[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Histogram h = Histogram.of(values, 10);
        assertThat(h.edges()).hasSize(9).first().isEqualTo(99.0);
        assertThat(h.shares()).allSatisfy(share -> assertThat(share).isEqualTo(0.1));
        assertThat(h.bin(-5)).isZero();
        assertThat(h.bin(99)).isZero();
        assertThat(h.bin(99.5)).isEqualTo(1);
        assertThat(h.bin(5000)).isEqualTo(9);
    }

    @Test
    void shouldGiveAFlagTwoBins() {
        double[] flags = new double[100];
        for (int i = 0; i < 30; i++) {
            flags[i] = 1;
        }
        Histogram h = Histogram.of(flags, 10);
        assertThat(h.edges()).containsExactly(0.0);
        assertThat(h.shares()).containsExactly(0.7, 0.3);
        assertThat(Histogram.of(new double[] {4, 4, 4}, 10).shares()).containsExactly(1.0);
    }

    @Test
    void shouldRefuseSharesThatDoNotFitTheEdges() {
        assertThatThrownBy(() -> new Histogram(List.of(1.0), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Histogram(List.of(2.0, 1.0), List.of(0.2, 0.3, 0.5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Histogram(List.of(1.0), List.of(0.2, 0.3)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
