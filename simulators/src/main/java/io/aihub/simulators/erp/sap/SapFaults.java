package io.aihub.simulators.erp.sap;

import io.aihub.simulators.hostile.HostileBodies;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Faults to inject into the next authenticated requests (a status with SAP's body, a delay, or both) and
 * edits to make just before a write (to force 412).
 */
final class SapFaults {

    /**
     * What to do to one request.
     *
     * @param status the status to fail with, or 0 to answer normally
     * @param delay  how long to hold the request before answering
     */
    record Fault(int status, Duration delay) {
        static final Fault NONE = new Fault(0, Duration.ZERO);
    }

    /** The hostile answer pending for the next query or read request, if any. */
    final HostileBodies hostile = new HostileBodies();
    private int failuresLeft;
    private int failureStatus;
    private int delaysLeft;
    private Duration delay = Duration.ZERO;
    private final Set<String> editBeforeWrite = new HashSet<>();

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

    synchronized void editBeforeNextWrite(SapService service, String key) {
        editBeforeWrite.add(service.name() + "/" + key);
    }

    /** True once for a record marked by {@link #editBeforeNextWrite}. */
    synchronized boolean takeEditBeforeWrite(SapService service, String key) {
        return editBeforeWrite.remove(service.name() + "/" + key);
    }
}
