package io.aihub.simulators.crm.dataverse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failed Web API call, rendered as Dataverse renders it: {@code {"error":{"code":"0x80040217","message":..}}},
 * with optional response headers (e.g. {@code Retry-After}). Handlers throw it; the router answers with it.
 */
final class ODataError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The record does not exist. */
    static final String RECORD_NOT_FOUND = "0x80040217";
    /** If-Match named a version the record no longer has. */
    static final String VERSION_MISMATCH = "0x80060882";
    /** A property in $select, $filter, $orderby or a body is not a column of the entity. */
    static final String UNKNOWN_PROPERTY = "0x80060888";
    /** The URL or query option is malformed. */
    static final String BAD_QUERY = "0x8006088a";
    /** Service protection: the number of requests exceeded the limit. */
    static final String TOO_MANY_REQUESTS = "0x80072322";
    /** A generic server failure. */
    static final String UNEXPECTED = "0x80040216";
    /** A body value has the wrong type for its column. */
    static final String BAD_VALUE = "0x80048d19";

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    ODataError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    ODataError(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    static ODataError badQuery(String message) {
        return new ODataError(400, BAD_QUERY, message);
    }

    static ODataError unknownProperty(String name) {
        return new ODataError(400, UNKNOWN_PROPERTY, "Could not find a property named '" + name
                + "' on type 'Microsoft.Dynamics.CRM.account'.");
    }

    static ODataError resourceNotFound(String segment) {
        return new ODataError(404, BAD_QUERY, "Resource not found for the segment '" + segment + "'.");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** The OData error body. */
    Map<String, Object> body() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", getMessage());
        return Map.of("error", error);
    }
}
