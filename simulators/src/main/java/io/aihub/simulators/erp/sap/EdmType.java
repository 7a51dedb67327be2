package io.aihub.simulators.erp.sap;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * The EDM types the simulated entities use, with their OData v2 JSON forms: {@code Edm.Decimal} is a JSON
 * string ({@code "12.50"}), {@code Edm.Int32} a JSON number, dates {@code /Date(..)/} strings.
 */
enum EdmType {
    STRING,
    DECIMAL,
    INT32,
    DATE_TIME,
    DATE_TIME_OFFSET;

    /** The JSON value of a stored value. */
    Object toJson(Object value) {
        if (value == null) {
            return null;
        }
        return switch (this) {
            case STRING, INT32 -> value;
            case DECIMAL -> ((BigDecimal) value).toPlainString();
            case DATE_TIME -> ODataDates.jsonDateTime((Instant) value);
            case DATE_TIME_OFFSET -> ODataDates.jsonDateTimeOffset((Instant) value);
        };
    }

    /**
     * The stored value of a JSON value sent in a write, as strict as SAP Gateway: decimals as strings,
     * integers as numbers.
     *
     * @throws SapODataError 400 when the JSON value does not fit
     */
    Object fromJson(String property, JsonNode node, int maxLength) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (this) {
            case STRING -> {
                if (!node.isTextual()) {
                    throw invalid(property);
                }
                if (maxLength > 0 && node.asText().length() > maxLength) {
                    throw SapODataError.badRequest("Value too long for property '" + property + "'");
                }
                return node.asText();
            }
            case DECIMAL -> {
                if (!node.isTextual()) {
                    throw invalid(property);
                }
                try {
                    return new BigDecimal(node.asText());
                } catch (NumberFormatException e) {
                    throw invalid(property);
                }
            }
            case INT32 -> {
                if (!node.isInt()) {
                    throw invalid(property);
                }
                return node.intValue();
            }
            default -> throw SapODataError.badRequest("Property '" + property + "' is not updatable");
        }
    }

    private static SapODataError invalid(String property) {
        return SapODataError.badRequest("Invalid value for property '" + property + "'");
    }
}
