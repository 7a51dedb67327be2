package io.aihub.api.sink;

/** What happened to one {@link SinkRecord}. */
public enum SinkStatus {
    /** The fields were written. */
    WRITTEN,
    /** The record already held these values; nothing was written. */
    SKIPPED_UNCHANGED,
    /** The record changed since it was scored (ETag mismatch); not written. */
    CONFLICT,
    /** The system refused the write for a reason that will not go away (validation, deleted record). */
    REJECTED,
    /** The write failed for a reason that may go away (throttling, timeout); try again later. */
    RETRIABLE_FAILURE
}
