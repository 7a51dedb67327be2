package io.aihub.routes.drift;

/**
 * How a route measures drift.
 *
 * @param windowRecords a window closes once it holds this many records
 * @param windowSeconds a window also closes at the first page arriving this many seconds after it opened, if it
 *                      holds at least {@code minRecords} records (0: by record count only)
 * @param minRecords    the fewest records a window closed by time may hold; smaller ones stay open
 * @param psiThreshold  a feature or the score drifted when its PSI is above this
 */
public record DriftSettings(int windowRecords, long windowSeconds, int minRecords, double psiThreshold) {

    /** Records per window by default. */
    public static final int DEFAULT_WINDOW_RECORDS = 1000;
    /** Seconds per window by default (one hour). */
    public static final long DEFAULT_WINDOW_SECONDS = 3600;
    /** The fewest records a window closed by time holds, by default. */
    public static final int DEFAULT_MIN_RECORDS = 100;
    /** The PSI threshold by default. */
    public static final double DEFAULT_PSI_THRESHOLD = 0.2;

    public DriftSettings {
        if (windowRecords < 1) {
            throw new IllegalArgumentException("drift windowRecords must be at least 1, not " + windowRecords);
        }
        if (windowSeconds < 0) {
            throw new IllegalArgumentException("drift windowSeconds must not be negative");
        }
        if (minRecords < 1 || minRecords > windowRecords) {
            throw new IllegalArgumentException("drift minRecords must be between 1 and windowRecords ("
                    + windowRecords + "), not " + minRecords);
        }
        if (!(psiThreshold > 0) || !Double.isFinite(psiThreshold)) {
            throw new IllegalArgumentException("drift psiThreshold must be a positive number");
        }
    }
}
