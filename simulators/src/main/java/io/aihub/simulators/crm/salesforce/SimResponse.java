package io.aihub.simulators.crm.salesforce;

import java.util.Map;

/**
 * A response to send: status, JSON body and extra headers.
 *
 * @param status  the HTTP status
 * @param body    a value Jackson can write, or null for no body
 * @param headers extra response headers
 */
record SimResponse(int status, Object body, Map<String, String> headers) {

    SimResponse {
        headers = Map.copyOf(headers);
    }

    static SimResponse json(int status, Object body) {
        return new SimResponse(status, body, Map.of());
    }
}
