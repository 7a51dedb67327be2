package io.aihub.bench;

import java.util.Arrays;

/** Latency samples in microseconds, and their percentiles (nearest rank). */
final class Latencies {

    private final long[] micros;
    private int count;

    Latencies(int capacity) {
        micros = new long[capacity];
    }

    void add(long latencyMicros) {
        if (count < micros.length) {
            micros[count++] = latencyMicros;
        }
    }

    int count() {
        return count;
    }

    /** The {@code p}-th percentile (0 &lt; p &le; 100) in milliseconds, or NaN without samples. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1000.0;
    }
}
