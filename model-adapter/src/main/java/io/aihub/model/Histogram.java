package io.aihub.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A distribution as bins, for drift: {@code edges} are ascending cut points and {@code shares} the share of values
 * in each bin. Bin {@code i} holds the values {@code v} with {@code edges[i-1] < v <= edges[i]} (the first bin
 * everything up to {@code edges[0]}, the last everything above the last edge), so there is one more share than
 * edges. Edges are quantiles of the sample, so a feature with few distinct values (a 0/1 flag) gets few bins.
 *
 * @param edges  ascending, distinct, finite cut points; may be empty (a single bin)
 * @param shares the share of the sample in each bin, {@code edges.size() + 1} values in [0, 1] summing to 1
 */
public record Histogram(List<Double> edges, List<Double> shares) {

    /** Bins a training sample gets at most. */
    public static final int DEFAULT_BINS = 10;

    public Histogram {
        edges = List.copyOf(edges);
        shares = List.copyOf(shares);
        if (shares.size() != edges.size() + 1) {
            throw new IllegalArgumentException("histogram needs one share more than edges (" + edges.size()
                    + " edges, " + shares.size() + " shares)");
        }
        double sum = 0;
        for (int i = 0; i < shares.size(); i++) {
            double share = shares.get(i);
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("histogram shares must be in [0, 1]");
            }
            sum += share;
            if (i < edges.size() && (!Double.isFinite(edges.get(i)) || (i > 0 && edges.get(i) <= edges.get(i - 1)))) {
                throw new IllegalArgumentException("histogram edges must be finite and strictly ascending");
            }
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("histogram shares must sum to 1, not " + sum);
        }
    }

    /**
     * Quantile bins of a non-empty sample: the cut points are the sample's {@code i/bins} quantiles, without
     * repeats, so each bin holds about the same share unless values repeat.
     */
    public static Histogram of(double[] values, int bins) {
        if (values.length == 0 || bins < 1) {
            throw new IllegalArgumentException("a histogram needs values and at least one bin");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<Double> edges = new ArrayList<>();
        for (int i = 1; i < bins; i++) {
            double cut = sorted[(int) Math.ceil((double) i * sorted.length / bins) - 1];
            if (cut < sorted[sorted.length - 1] && (edges.isEmpty() || cut > edges.get(edges.size() - 1))) {
                edges.add(cut);
            }
        }
        long[] counts = new long[edges.size() + 1];
        Histogram shape = new Histogram(edges, uniform(edges.size() + 1));
        for (double v : sorted) {
            counts[shape.bin(v)]++;
        }
        List<Double> shares = new ArrayList<>(counts.length);
        for (long count : counts) {
            shares.add((double) count / sorted.length);
        }
        return new Histogram(edges, shares);
    }

    /** The bin index of a value. */
    public int bin(double value) {
        int low = 0;
        int high = edges.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (value <= edges.get(mid)) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** How many bins there are. */
    public int size() {
        return shares.size();
    }

    private static List<Double> uniform(int n) {
        List<Double> shares = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            shares.add(i == n - 1 ? 1.0 - (double) (n - 1) / n : 1.0 / n);
        }
        return shares;
    }
}
