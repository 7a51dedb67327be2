package io.aihub.simulators.crm.salesforce;

import java.time.Duration;

/** Faults to inject into the next data API requests: a failure status, a delay, or both. */
final class FaultInjector {

    /**
     * What to do to one request.
     *
     * @param status the status to fail with, or 0 to answer normally
     * @param delay  how long to hold the request before answering
     */
    record Fault(int status, Duration delay) {
        static final Fault NONE = new Fault(0, Duration.ZERO);
    }

    private int failuresLeft;
    private int failureStatus;
    private int delaysLeft;
    private Duration delay = Duration.ZERO;

    synchronized void failNext(int count, int status) {
        if (count < 0 || status < 400 || status > 599) {
            throw new IllegalArgumentException("need a count >= 0 and a 4xx or 5xx status");
        }
        failuresLeft = count;
        failureStatus = status;
    }

    synchronized void delayNext(int count, Duration by) {
        if (count < 0 || by.isNegative()) {
            throw new IllegalArgumentException("need a count >= 0 and a non-negative delay");
        }
        delaysLeft = count;
        delay = by;
    }

    /** The fault for the request arriving now; consumes one of each pending kind. */
    synchronized Fault next() {
        if (failuresLeft == 0 && delaysLeft == 0) {
            return Fault.NONE;
        }
        int status = failuresLeft > 0 ? failureStatus : 0;
        Duration wait = delaysLeft > 0 ? delay : Duration.ZERO;
        failuresLeft = Math.max(0, failuresLeft - 1);
        delaysLeft = Math.max(0, delaysLeft - 1);
        return new Fault(status, wait);
    }
}
