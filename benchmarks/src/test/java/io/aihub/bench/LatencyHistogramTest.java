package io.aihub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void shouldReturnNaNWithoutSamples() {
        assertThat(new LatencyHistogram().percentileMillis(50)).isNaN();
    }

    @Test
    void shouldGiveExactPercentilesBelow256Micros() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long v = 1; v <= 200; v++) {
            histogram.add(v);
        }

        assertThat(histogram.percentileMillis(50)).isEqualTo(0.100);
        assertThat(histogram.percentileMillis(99)).isEqualTo(0.198);
        assertThat(histogram.percentileMillis(100)).isEqualTo(0.200);
    }

    @Test
    void shouldStayWithinOnePercentOfTheExactNearestRankPercentile() {
        Random random = new Random(7);
        long[] samples = new long[100_000];
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (long) Math.exp(random.nextDouble() * 20);
            histogram.add(samples[i]);
        }
        Arrays.sort(samples);

        for (double p : new double[] {1, 25, 50, 90, 95, 99, 99.9, 100}) {
            long exact = samples[(int) Math.ceil(p / 100 * samples.length) - 1];
            assertThat(histogram.percentileMillis(p) * 1000).as("p%s", p)
                    .isGreaterThanOrEqualTo(exact).isCloseTo(exact, within(exact / 100.0 + 1));
        }
    }

    @Test
    void shouldKeepTheSameBucketsWhateverTheNumberOfSamples() {
        LatencyHistogram histogram = new LatencyHistogram();
        int buckets = histogram.buckets();
        for (long i = 0; i < 3_000_000; i++) {
            histogram.add(i * 997 % 5_000_000);
        }

        assertThat(histogram.count()).isEqualTo(3_000_000);
        assertThat(histogram.buckets()).isEqualTo(buckets).isLessThan(4_000);
    }

    @Test
    void shouldClampNegativeAndHugeValues() {
        LatencyHistogram histogram = new LatencyHistogram();
        histogram.add(-5);
        histogram.add(Long.MAX_VALUE);

        assertThat(histogram.percentileMillis(50)).isEqualTo(0.0);
        assertThat(histogram.percentileMillis(100)).isEqualTo(LatencyHistogram.MAX_MICROS / 1000.0);
    }

    @Test
    void shouldMapEveryBucketsHighestValueBackToItsBucket() {
        for (int i = 0; i < new LatencyHistogram().buckets(); i++) {
            long highest = LatencyHistogram.highestIn(i);
            assertThat(LatencyHistogram.index(highest)).as("bucket %d", i).isEqualTo(i);
            assertThat(LatencyHistogram.index(highest + 1)).as("after bucket %d", i).isEqualTo(i + 1);
        }
    }
}
