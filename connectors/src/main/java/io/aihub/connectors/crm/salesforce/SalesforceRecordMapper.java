package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourceRecord;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one queried Salesforce record into a {@link SourceRecord}: version = the {@code SystemModstamp} text
 * as returned, modifiedAt = that stamp, fields = every selected field except {@code attributes} as Java
 * values (String, Long for integral numbers, Double, Boolean or null), position = just after this record.
 */
final class SalesforceRecordMapper {

    private final String instanceName;
    private final String entity;

    SalesforceRecordMapper(String instanceName, String entity) {
        this.instanceName = instanceName;
        this.entity = entity;
    }

    SourceRecord toSourceRecord(JsonNode record) {
        String id = record.path("Id").asText("");
        String stampText = record.path("SystemModstamp").asText("");
        SalesforcePosition position;
        try {
            position = new SalesforcePosition(stampText, SoqlLiterals.parseDateTime(stampText), id);
        } catch (DateTimeParseException e) {
            throw malformed();
        }
        if (id.isEmpty()) {
            throw malformed();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : record.properties()) {
            if (!field.getKey().equals("attributes")) {
                fields.put(field.getKey(), javaValue(field.getValue()));
            }
        }
        return new SourceRecord(instanceName, entity, id, stampText, position.stamp(), fields,
                position.toSourcePosition());
    }

    /** The Java value of a JSON field value; nested objects (relationships) stay JSON text. */
    static Object javaValue(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        return value.toString();
    }

    private PermanentException malformed() {
        return new PermanentException(SalesforceResponses.PROTOCOL, "connector '" + instanceName
                + "': a queried record lacks a readable Id or SystemModstamp");
    }
}
