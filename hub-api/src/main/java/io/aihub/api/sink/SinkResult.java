package io.aihub.api.sink;

import java.util.Objects;

/**
 * The outcome for one record of a {@link SinkTask#put} batch.
 *
 * @param recordId the record the result is for
 * @param status   what happened
 * @param code     the system's error code when not written (e.g. {@code ENTITY_IS_DELETED}), else null
 * @param reason   a sentence without payload values when not written, else null
 */
public record SinkResult(String recordId, SinkStatus status, String code, String reason) {

    public SinkResult {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(status, "status");
    }

    public static SinkResult written(String recordId) {
        return new SinkResult(recordId, SinkStatus.WRITTEN, null, null);
    }

    public boolean isSuccess() {
        return status == SinkStatus.WRITTEN || status == SinkStatus.SKIPPED_UNCHANGED;
    }
}
