package io.aihub.simulators.crm.salesforce;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One record of a composite update after request validation.
 *
 * @param id     the record id as sent, or null when it was missing or malformed
 * @param fields the typed values to set (may hold nulls)
 * @param error  the validation error, or null when the write may be attempted
 */
record RecordWrite(String id, Map<String, Object> fields, RecordError error) {

    RecordWrite {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        if (error == null && id == null) {
            throw new IllegalArgumentException("a valid write needs an id");
        }
    }

    static RecordWrite rejected(String id, RecordError error) {
        return new RecordWrite(id, Map.of(), error);
    }
}
