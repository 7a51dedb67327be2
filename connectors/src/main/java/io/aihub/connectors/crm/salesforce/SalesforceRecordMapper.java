package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.connectors.common.JsonValues;
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
                fields.put(field.getKey(), JsonValues.javaValue(field.getValue()));
            }
        }
        return new SourceRecord(instanceName, entity, id, stampText, position.stamp(), fields,
                position.toSourcePosition());
    }


    private PermanentException malformed() {
        return new PermanentException(SalesforceResponses.PROTOCOL, "connector '" + instanceName
                + "': a queried record lacks a readable Id or SystemModstamp");
    }
}
