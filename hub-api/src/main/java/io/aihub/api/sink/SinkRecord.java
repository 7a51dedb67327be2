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
 */
public record SinkRecord(String eventId, String entity, String recordId, String version, Map<String, Object> fields) {

    public SinkRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(recordId, "recordId");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }
}
