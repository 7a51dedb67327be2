package io.aihub.model.training;

/**
 * Mean, population standard deviation and range of a sample.
 *
 * @param mean the mean
 * @param std  the population standard deviation
 * @param min  the smallest value
 * @param max  the largest value
 */
record Moments(double mean, double std, double min, double max) {

    /** Computes the moments of a non-empty sample in two passes (numerically stable enough for training data). */
    static Moments of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("moments need at least one value");
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Moments(mean, Math.sqrt(squares / values.length), min, max);
    }
}
