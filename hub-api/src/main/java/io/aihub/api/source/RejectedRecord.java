package io.aihub.api.source;

import io.aihub.api.error.PermanentException;
import java.util.Objects;

/**
 * A record a source could read only as far as its id, not as a usable record: too large, too deeply nested,
 * not valid UTF-8, not valid JSON. The runtime sends it to the dead-letter queue with {@link #error()} as the
 * reason, in the same delivery as the page's other records, so nothing is lost silently.
 *
 * @param system  the system's name in configuration, e.g. {@code salesforce}
 * @param entity  the object type, e.g. {@code Account}
 * @param id      the record id in that system
 * @param version the record version if the source could read it, else null
 * @param error   why the record is unusable; a stable code such as {@value #UNREADABLE}, and a message that never
 *                holds a payload value
 */
public record RejectedRecord(String system, String entity, String id, String version, PermanentException error) {

    /** Error code: the record is not valid JSON (or not what the source expects) beyond its id. */
    public static final String UNREADABLE = "SOURCE_RECORD_UNREADABLE";
    /** Error code: a field's text is longer than the source's cap. */
    public static final String FIELD_TOO_LARGE = "SOURCE_FIELD_TOO_LARGE";
    /** Error code: the whole record is larger than the source's cap. */
    public static final String RECORD_TOO_LARGE = "SOURCE_RECORD_TOO_LARGE";
    /** Error code: a field value is nested deeper than the source's cap. */
    public static final String NESTING_TOO_DEEP = "SOURCE_NESTING_TOO_DEEP";
    /** Error code: the record's text is not valid UTF-8. */
    public static final String INVALID_UTF8 = "SOURCE_INVALID_UTF8";

    public RejectedRecord {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(error, "error");
    }
}
