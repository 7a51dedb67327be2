package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Maps one sObject Collections result to a {@link SinkResult}. Lock contention and rolled-back records may
 * succeed later ({@link SinkStatus#RETRIABLE_FAILURE}); every other error (deleted record, invalid field,
 * malformed id, validation rule, ...) is {@link SinkStatus#REJECTED}. Reasons carry the status code and
 * field names only: Salesforce's own messages can quote values.
 */
final class SalesforceWriteResults {

    static final Set<String> RETRIABLE_STATUS_CODES = Set.of("UNABLE_TO_LOCK_ROW",
            "ALL_OR_NONE_OPERATION_ROLLED_BACK", "REQUEST_RUNNING_TOO_LONG", "SERVER_UNAVAILABLE");

    private SalesforceWriteResults() {
    }

    static SinkResult toSinkResult(String recordId, JsonNode result) {
        if (result.path("success").asBoolean(false)) {
            return SinkResult.written(recordId);
        }
        JsonNode error = result.path("errors").path(0);
        String code = error.path("statusCode").asText("UNKNOWN");
        List<String> fields = new ArrayList<>();
        error.path("fields").forEach(f -> fields.add(f.asText()));
        String reason = "Salesforce refused the update with " + code
                + (fields.isEmpty() ? "" : " on field(s) " + String.join(", ", fields));
        SinkStatus status = RETRIABLE_STATUS_CODES.contains(code) ? SinkStatus.RETRIABLE_FAILURE : SinkStatus.REJECTED;
        return new SinkResult(recordId, status, code, reason);
    }
}
