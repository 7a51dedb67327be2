package io.aihub.simulators.erp.sap;

import java.util.Map;

/**
 * A response to send.
 *
 * @param status      the HTTP status
 * @param body        a value Jackson can write, a {@link String} sent as text/plain, or null for no body
 * @param headers     extra response headers
 */
record SimResponse(int status, Object body, Map<String, String> headers) {

    SimResponse {
        headers = Map.copyOf(headers);
    }

    static SimResponse json(int status, Object body, Map<String, String> headers) {
        return new SimResponse(status, body, headers);
    }

    static SimResponse noContent(Map<String, String> headers) {
        return new SimResponse(204, null, headers);
    }
}
