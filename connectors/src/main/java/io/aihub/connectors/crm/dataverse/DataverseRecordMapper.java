package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.connectors.common.JsonValues;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourceRecord;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns one Web API row into a {@link SourceRecord}: id = the primary key, version = the row's
 * {@code @odata.etag} ({@code W/"<versionnumber>"}), modifiedAt = {@code modifiedon}, fields = every selected
 * column as a Java value (String, Long for whole numbers, Double, Boolean or null) without OData annotations,
 * position = just after this row.
 */
final class DataverseRecordMapper {

    private final String instanceName;
    private final String entitySet;
    private final String primaryKey;

    DataverseRecordMapper(String instanceName, String entitySet, String primaryKey) {
        this.instanceName = instanceName;
        this.entitySet = entitySet;
        this.primaryKey = primaryKey;
    }

    SourceRecord toSourceRecord(JsonNode row) {
        String id = row.path(primaryKey).asText("");
        String stamp = row.path(DataverseQuery.MODIFIED_ON).asText("");
        String etag = row.path("@odata.etag").asText("");
        if (!DataversePosition.isGuid(id) || etag.isEmpty()) {
            throw malformed();
        }
        DataversePosition position;
        try {
            position = new DataversePosition(stamp, Instant.parse(stamp), id);
        } catch (DateTimeParseException e) {
            throw malformed();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> column : row.properties()) {
            if (!column.getKey().contains("@")) {
                fields.put(column.getKey(), JsonValues.javaValue(column.getValue()));
            }
        }
        return new SourceRecord(instanceName, entitySet, id, etag, position.stamp(), fields,
                position.toSourcePosition());
    }


    private PermanentException malformed() {
        return new PermanentException(DataverseErrors.PROTOCOL, "connector '" + instanceName
                + "': a row lacks a GUID " + primaryKey + ", a readable modifiedon or an @odata.etag");
    }
}
