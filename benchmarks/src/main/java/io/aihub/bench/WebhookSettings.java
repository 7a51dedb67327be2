package io.aihub.bench;

/**
 * What the webhook latency run sends: {@code rate} signed events per second for {@code seconds} seconds, open
 * loop. {@code seconds = 0} skips the run.
 *
 * @param rate     events per second the client schedules (at least 1)
 * @param seconds  how long it sends; 0 skips the run
 * @param warmup   seconds it sends first at the same rate, through the same hub, left out of every figure
 * @param maxBatch the route's {@code maxBatch}, or 0 for the {@code score-events} template's default
 * @param maxWait  the route's {@code maxWait} in milliseconds, or -1 for the template's default
 */
public record WebhookSettings(int rate, int seconds, int warmup, int maxBatch, long maxWait) {

    /** No webhook run. */
    public static final WebhookSettings OFF = new WebhookSettings(1, 0, 0, 0, -1);

    public WebhookSettings {
        if (rate < 1 || seconds < 0 || warmup < 0 || maxBatch < 0 || maxWait < -1) {
            throw new IllegalArgumentException("webhook rate must be at least 1, seconds and warm-up at least 0,"
                    + " maxBatch at least 0 (0: the template's default) and maxWait at least -1 (-1: the default)");
        }
    }

    /** Whether the run happens at all. */
    public boolean enabled() {
        return seconds > 0;
    }

    /** The events the measured part sends. */
    public int events() {
        return Math.multiplyExact(rate, seconds);
    }

    /** The events the warm-up sends. */
    public int warmupEvents() {
        return Math.multiplyExact(rate, warmup);
    }
}
