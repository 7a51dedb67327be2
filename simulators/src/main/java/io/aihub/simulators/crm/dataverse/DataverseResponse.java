package io.aihub.simulators.crm.dataverse;

import java.util.Map;

/**
 * A response to send.
 *
 * @param status  the HTTP status
 * @param body    a value Jackson can write, or null for no body
 * @param headers extra response headers
 */
record DataverseResponse(int status, Object body, Map<String, String> headers) {

    DataverseResponse {
        headers = Map.copyOf(headers);
    }

    static DataverseResponse json(int status, Object body) {
        return new DataverseResponse(status, body, Map.of());
    }
}
