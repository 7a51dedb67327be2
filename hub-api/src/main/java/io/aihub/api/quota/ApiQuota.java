package io.aihub.api.quota;

/**
 * A system's request quota as the system last reported it (e.g. Salesforce's {@code Sforce-Limit-Info}).
 *
 * @param used  requests counted in the current quota window
 * @param limit requests allowed in the window
 */
public record ApiQuota(long used, long limit) {

    public ApiQuota {
        if (used < 0 || limit < 0) {
            throw new IllegalArgumentException("quota usage and limit must not be negative (used " + used
                    + ", limit " + limit + ")");
        }
    }

    /** Requests left in the window; zero when the system counts more than its limit. */
    public long remaining() {
        return Math.max(0, limit - used);
    }
}
