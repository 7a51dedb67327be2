package io.aihub.api.sink;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One write to apply to a record in a business system.
 *
 * @param eventId  the prediction event that produced this write (idempotency key)
 * @param entity   the object type, e.g. {@code Account}
 * @param recordId the record to update
 * @param version  the record version the prediction was made from (for optimistic concurrency), or null
 * @param fields   field name to value; a sink writes only the fields on its allow-list
 * @param redelivered true when the event was delivered before and an earlier attempt may have written it
 */
public record SinkRecord(String eventId, String entity, String recordId, String version, Map<String, Object> fields,
        boolean redelivered) {

    public SinkRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(recordId, "recordId");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }

    /** A record delivered for the first time. */
    public SinkRecord(String eventId, String entity, String recordId, String version, Map<String, Object> fields) {
        this(eventId, entity, recordId, version, fields, false);
    }

    /**
     * The same record, marked as delivered before: an earlier attempt may already have written it (the hub
     * stopped before acknowledging), so a sink that can should check the record's current values and skip
     * the write when they are already there ({@link SinkStatus#SKIPPED_UNCHANGED}).
     */
    public SinkRecord asRedelivered() {
        return new SinkRecord(eventId, entity, recordId, version, fields, true);
    }
}
