package io.aihub.simulators.erp.sap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failed OData call, rendered as SAP Gateway renders it:
 * {@code {"error":{"code":..,"message":{"lang":"en","value":..},"innererror":{..,"errordetails":[..]}}}}.
 * Handlers throw it; the handler turns it into the response.
 */
final class SapODataError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final Map<String, String> headers;

    SapODataError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    SapODataError(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    static SapODataError notFound(String what) {
        return new SapODataError(404, "/IWBEP/CM_MGW_RT/020", "Resource not found for segment '" + what + "'");
    }

    static SapODataError badRequest(String message) {
        return new SapODataError(400, "/IWBEP/CM_MGW_RT/022", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    SimResponse toResponse() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("code", code);
        detail.put("message", getMessage());
        detail.put("propertyref", "");
        detail.put("severity", "error");
        detail.put("target", "");
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("application", Map.of("component_id", "", "service_namespace", "/SAP/",
                "service_id", "", "service_version", "0001"));
        inner.put("transactionid", "0A1B2C3D4E5F00112233445566778899");
        inner.put("timestamp", "");
        inner.put("Error_Resolution", Map.of("SAP_Transaction", "Run transaction /IWFND/ERROR_LOG on SAP Gateway"
                + " hub system and search for entries with the timestamp above for more details"));
        inner.put("errordetails", List.of(detail));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", Map.of("lang", "en", "value", getMessage()));
        error.put("innererror", inner);
        return SimResponse.json(status, Map.of("error", error), headers);
    }
}
