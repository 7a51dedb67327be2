package io.aihub.simulators.crm.salesforce;

import java.util.concurrent.atomic.AtomicLong;

/** Counts API requests against the org's daily limit and renders the {@code Sforce-Limit-Info} header. */
final class ApiUsageCounter {

    private final AtomicLong used = new AtomicLong();
    private final long limit;

    ApiUsageCounter(long limit) {
        this.limit = limit;
    }

    /** Counts one request; false (and not counted) when the daily limit is already reached. */
    boolean tryCount() {
        while (true) {
            long current = used.get();
            if (current >= limit) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    long used() {
        return used.get();
    }

    /** The header value, e.g. {@code api-usage=25/15000}. */
    String limitInfo() {
        return "api-usage=" + used.get() + "/" + limit;
    }
}
