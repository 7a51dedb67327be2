package io.aihub.simulators.crm.dataverse;

import io.aihub.simulators.hostile.HostileBodies;
import java.time.Duration;

/** Faults for the next data requests: throttling (429 with Retry-After), a failure status, a delay. */
final class DataverseFaults {

    /**
     * What to do to one request.
     *
     * @param throttleFor when not null, answer 429 with this Retry-After
     * @param status      the status to fail with, or 0
     * @param delay       how long to hold the request before answering
     */
    record Fault(Duration throttleFor, int status, Duration delay) {
        static final Fault NONE = new Fault(null, 0, Duration.ZERO);
    }

    private int throttlesLeft;
    private Duration retryAfter = Duration.ZERO;
    /** The hostile answer pending for the next query or read request, if any. */
    final HostileBodies hostile = new HostileBodies();
    private int failuresLeft;
    private int failureStatus;
    private int delaysLeft;
    private Duration delay = Duration.ZERO;

    synchronized void throttleNext(int count, Duration after) {
        if (count < 0 || after.isNegative()) {
            throw new IllegalArgumentException("need a count >= 0 and a non-negative Retry-After");
        }
        throttlesLeft = count;
        retryAfter = after;
    }

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
        if (throttlesLeft == 0 && failuresLeft == 0 && delaysLeft == 0) {
            return Fault.NONE;
        }
        Fault fault = new Fault(throttlesLeft > 0 ? retryAfter : null, failuresLeft > 0 ? failureStatus : 0,
                delaysLeft > 0 ? delay : Duration.ZERO);
        throttlesLeft = Math.max(0, throttlesLeft - 1);
        failuresLeft = Math.max(0, failuresLeft - 1);
        delaysLeft = Math.max(0, delaysLeft - 1);
        return fault;
    }
}
