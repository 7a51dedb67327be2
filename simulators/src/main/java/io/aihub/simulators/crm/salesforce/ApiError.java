package io.aihub.simulators.crm.salesforce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failed REST call, rendered as Salesforce renders it: {@code [{"message":..,"errorCode":..}]}.
 * Handlers throw it; the router turns it into the response.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;

    ApiError(int status, String errorCode, String message) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    static ApiError notFound() {
        return new ApiError(404, "NOT_FOUND", "The requested resource does not exist");
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    SimResponse toResponse() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", getMessage());
        error.put("errorCode", errorCode);
        Map<String, String> headers = status == 401 ? Map.of("WWW-Authenticate", "Token") : Map.of();
        return new SimResponse(status, List.of(error), headers);
    }
}
