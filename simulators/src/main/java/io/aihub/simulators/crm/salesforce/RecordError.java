package io.aihub.simulators.crm.salesforce;

import java.util.List;
import java.util.Objects;

/**
 * A per-record error as the sObject Collections API reports it.
 *
 * @param statusCode e.g. {@code ENTITY_IS_DELETED}
 * @param message    Salesforce's message
 * @param fields     the fields the error is about; may be empty
 */
record RecordError(String statusCode, String message, List<String> fields) {

    RecordError {
        Objects.requireNonNull(statusCode, "statusCode");
        Objects.requireNonNull(message, "message");
        fields = List.copyOf(fields);
    }

    static RecordError of(String statusCode, String message, String... fields) {
        return new RecordError(statusCode, message, List.of(fields));
    }
}
