package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourceRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one OData v2 entity into a {@link SourceRecord}: the id is the key property, the version the entity's
 * ETag ({@code __metadata.etag}; the watermark text when the service sends no ETag), and the fields are the
 * configured properties with JSON dates ({@code /Date(..)/}) as ISO-8601 text, integers as Long, other numbers
 * as Double and {@code Edm.Decimal} as the decimal text SAP sends.
 */
final class SapRecordMapper {

    private final String instanceName;
    private final String entitySet;
    private final String keyProperty;
    private final String watermarkProperty;
    private final List<String> fields;

    SapRecordMapper(String instanceName, String entitySet, String keyProperty, String watermarkProperty,
            List<String> fields) {
        this.instanceName = instanceName;
        this.entitySet = entitySet;
        this.keyProperty = keyProperty;
        this.watermarkProperty = watermarkProperty;
        this.fields = List.copyOf(fields);
    }

    SourceRecord toSourceRecord(JsonNode entity) {
        String key = entity.path(keyProperty).asText("");
        if (!entity.path(keyProperty).isTextual() || key.isEmpty()) {
            throw protocol("an entity has no " + keyProperty + " text");
        }
        Instant watermark = ODataDates.parseJson(entity.path(watermarkProperty).asText(null))
                .orElseThrow(() -> protocol("entity " + key + " has no " + watermarkProperty + " date"));
        String etag = entity.path("__metadata").path("etag").asText("");
        String version = etag.isEmpty() ? ODataDates.iso(watermark) : etag;
        Map<String, Object> values = new LinkedHashMap<>();
        for (String field : fields) {
            values.put(field, value(key, field, entity.get(field)));
        }
        return new SourceRecord(instanceName, entitySet, key, version, watermark, values,
                new SapPosition(watermark, key).toSourcePosition());
    }

    private Object value(String key, String field, JsonNode node) {
        return primitive(instanceName, key, field, node);
    }

    /**
     * A property's JSON value as a record field value: null, text (OData v2 dates as ISO-8601), boolean, Long or
     * Double.
     *
     * @throws PermanentException {@value SapErrors#PROTOCOL} when the property is absent or not primitive
     */
    static Object primitive(String instanceName, String key, String field, JsonNode node) {
        if (node == null) {
            throw protocol(instanceName, "entity " + key + " lacks the property " + field + " ($select not honoured?)");
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            return ODataDates.parseJson(node.asText()).<Object>map(ODataDates::iso).orElse(node.asText());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        throw protocol(instanceName, "property " + field + " of entity " + key + " is not a primitive value (a"
                + " navigation property cannot be read)");
    }

    private static PermanentException protocol(String instanceName, String what) {
        return new PermanentException(SapErrors.PROTOCOL, "connector '" + instanceName + "': " + what);
    }

    private PermanentException protocol(String what) {
        return new PermanentException(SapErrors.PROTOCOL, "connector '" + instanceName + "': " + what);
    }
}
