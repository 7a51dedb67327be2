package io.aihub.bench;

/**
 * Latency samples in microseconds, counted in buckets of fixed memory (about 26 KB) whatever the number of
 * samples, and their percentiles (nearest rank). Values below 256 µs are exact; above, each power of two is
 * split into 128 buckets, so a percentile is at most 1/128 (0.8 %) above the true sample. Values are clamped
 * to 0 .. {@value #MAX_MICROS} µs (about 1.2 hours). Not thread-safe: one consumer thread adds, and
 * percentiles are read after it stopped.
 */
final class LatencyHistogram {

    /** The largest value kept apart; larger ones count as this one. */
    static final long MAX_MICROS = (1L << 32) - 1;

    private static final int EXACT = 256;
    private static final int SUB_BUCKETS = 128;
    private static final int SUB_BITS = 7;

    private final long[] counts = new long[index(MAX_MICROS) + 1];
    private long count;

    /** Counts one sample. */
    void add(long latencyMicros) {
        counts[index(Math.max(0, Math.min(MAX_MICROS, latencyMicros)))]++;
        count++;
    }

    /** Samples counted. */
    long count() {
        return count;
    }

    /** Buckets held, the same for every number of samples. */
    int buckets() {
        return counts.length;
    }

    /** The {@code p}-th percentile (0 &lt; p &le; 100) in milliseconds, or NaN without samples. */
    double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, Math.min(count, (long) Math.ceil(p / 100.0 * count)));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return highestIn(i) / 1000.0;
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond " + seen + " samples");
    }

    /** Bucket of a value in 0 .. MAX_MICROS. */
    static int index(long micros) {
        if (micros < EXACT) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - SUB_BITS;
        int sub = (int) (micros >>> shift) - SUB_BUCKETS;
        return EXACT + (shift - 1) * SUB_BUCKETS + sub;
    }

    /** The largest value that falls into bucket {@code index}. */
    static long highestIn(int index) {
        if (index < EXACT) {
            return index;
        }
        int shift = (index - EXACT) / SUB_BUCKETS + 1;
        long sub = (index - EXACT) % SUB_BUCKETS + SUB_BUCKETS;
        return ((sub + 1) << shift) - 1;
    }
}
