package io.aihub.simulators.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PATCH /services/data/vNN.0/composite/sobjects}: sObject Collections update of up to
 * {@value #MAX_RECORDS} records, with per-record results in input order. Checks each record's type, id and
 * fields before the store checks existence and applies the writes.
 */
final class CompositeWriteHandler {

    static final int MAX_RECORDS = 200;

    private final AccountStore store;

    CompositeWriteHandler(AccountStore store) {
        this.store = store;
    }

    SimResponse update(SimRequest request, String userId) {
        JsonNode root;
        try {
            root = SalesforceJson.MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "The request body is not valid JSON");
        }
        if (root == null || !root.isObject() || !root.path("records").isArray()) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "The request body must be an object with a records array");
        }
        JsonNode records = root.get("records");
        if (records.size() > MAX_RECORDS) {
            throw new ApiError(400, "EXCEEDED_ID_LIMIT",
                    "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call");
        }
        List<RecordWrite> writes = new ArrayList<>();
        for (JsonNode record : records) {
            writes.add(validate(record));
        }
        boolean allOrNone = root.path("allOrNone").asBoolean(false);
        List<Map<String, Object>> results = new ArrayList<>();
        for (WriteOutcome outcome : store.apply(writes, userId, allOrNone)) {
            results.add(render(outcome));
        }
        return SimResponse.json(200, results);
    }

    private static RecordWrite validate(JsonNode record) {
        if (!record.isObject()) {
            throw new ApiError(400, "JSON_PARSER_ERROR", "Each record must be a JSON object");
        }
        JsonNode rawId = record.has("id") ? record.get("id") : record.get("Id");
        String id = rawId != null && rawId.isTextual() ? SalesforceIds.normalize(rawId.textValue()) : null;
        String type = record.path("attributes").path("type").asText("");
        SObjectSchema schema = SObjectSchema.ACCOUNT;
        if (!type.equalsIgnoreCase(schema.name())) {
            return RecordWrite.rejected(id, RecordError.of("INVALID_TYPE",
                    type.isEmpty() ? "No SObject Type defined in attributes" : "sObject type is not supported"));
        }
        if (rawId == null || rawId.isNull()) {
            return RecordWrite.rejected(null, RecordError.of("MISSING_ARGUMENT", "Id not specified in an update call"));
        }
        if (id == null) {
            return RecordWrite.rejected(null, RecordError.of("MALFORMED_ID", "malformed id", "Id"));
        }
        if (!id.startsWith(schema.keyPrefix())) {
            return RecordWrite.rejected(null, RecordError.of("MALFORMED_ID",
                    schema.name() + " ID: id value of incorrect type", "Id"));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : record.properties()) {
            String name = entry.getKey();
            if (name.equals("attributes") || name.equalsIgnoreCase("id")) {
                continue;
            }
            SObjectField field = schema.field(name).orElse(null);
            RecordError error = fieldError(schema, name, field, entry.getValue());
            if (error != null) {
                return RecordWrite.rejected(id, error);
            }
            fields.put(field.name(), typed(field, entry.getValue()));
        }
        return new RecordWrite(id, fields, null);
    }

    private static RecordError fieldError(SObjectSchema schema, String name, SObjectField field, JsonNode value) {
        if (field == null) {
            return RecordError.of("INVALID_FIELD", "No such column '" + name + "' on sobject of type "
                    + schema.name(), name);
        }
        if (!field.updateable()) {
            return RecordError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: "
                    + field.name() + ". Please check the security settings of this field and verify that it is"
                    + " read/write for your profile or permission set.", field.name());
        }
        if (value.isNull()) {
            return field.nillable() ? null
                    : RecordError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: [" + field.name() + "]",
                            field.name());
        }
        boolean fits = switch (field.type()) {
            case DOUBLE -> value.isNumber();
            case INTEGER -> value.isIntegralNumber() && value.canConvertToInt();
            case STRING, ID -> value.isTextual();
            case BOOLEAN -> value.isBoolean();
            case DATETIME -> false;
        };
        return fits ? null : RecordError.of("INVALID_TYPE_ON_FIELD_IN_RECORD",
                field.name() + ": value not of required type", field.name());
    }

    private static Object typed(SObjectField field, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        return switch (field.type()) {
            case DOUBLE -> value.doubleValue();
            case INTEGER -> value.intValue();
            case BOOLEAN -> value.booleanValue();
            default -> value.textValue();
        };
    }

    private static Map<String, Object> render(WriteOutcome outcome) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", outcome.id());
        result.put("success", outcome.success());
        List<Map<String, Object>> errors = new ArrayList<>();
        if (!outcome.success()) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("statusCode", outcome.error().statusCode());
            error.put("message", outcome.error().message());
            error.put("fields", outcome.error().fields());
            errors.add(error);
        }
        result.put("errors", errors);
        return result;
    }
}
