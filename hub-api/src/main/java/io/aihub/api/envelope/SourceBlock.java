package io.aihub.api.envelope;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * The standard {@code source} block: which record version in which system was scored.
 *
 * @param system     the system instance name, e.g. {@code salesforce}
 * @param connector  the connector type, e.g. {@code salesforce}
 * @param entity     the object type, e.g. {@code Account}
 * @param id         the record id
 * @param version    the record version (ETag or modification stamp)
 * @param modifiedAt when the system last changed the record, RFC 3339, or null if unknown
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"system", "connector", "entity", "id", "version", "modifiedAt"})
public record SourceBlock(String system, String connector, String entity, String id, String version,
        String modifiedAt) {

    public SourceBlock {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
