package io.aihub.api.source;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record version read from a business system.
 *
 * @param system     the system's name in configuration, e.g. {@code salesforce}
 * @param entity     the object type, e.g. {@code Account}
 * @param id         the record id in that system
 * @param version    the record version (ETag or modification stamp); with id it names what was scored
 * @param modifiedAt when the system last changed the record
 * @param fields     the record's fields as read (values: String, Number, Boolean or null)
 * @param position   the position just after this record; committing it means this record is done
 */
public record SourceRecord(String system, String entity, String id, String version, Instant modifiedAt,
        Map<String, Object> fields, SourcePosition position) {

    public SourceRecord {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(position, "position");
        // LinkedHashMap keeps the system's field order and allows null values (a field present but empty).
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }
}
