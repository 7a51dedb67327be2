package io.aihub.routes.flow;

import io.aihub.api.error.AihubException;
import io.aihub.api.source.SourceRecord;
import java.util.Objects;

/**
 * A record that cannot be scored and goes to the route's dead-letter queue.
 *
 * @param record the source record version
 * @param error  why; its message never holds payload values
 * @param step   the route step that failed: {@code map}, {@code score}, {@code envelope}
 */
public record FailedRecord(SourceRecord record, AihubException error, String step) {

    public FailedRecord {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(step, "step");
    }
}
