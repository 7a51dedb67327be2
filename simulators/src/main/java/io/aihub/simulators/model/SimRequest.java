package io.aihub.simulators.model;

import java.util.Map;

/**
 * One request to a simulated model server.
 *
 * @param method  the HTTP method
 * @param path    the request path, without query
 * @param headers request headers, names in lower case (first value of each)
 * @param body    the body as UTF-8 text
 */
record SimRequest(String method, String path, Map<String, String> headers, String body) {

    SimRequest {
        headers = Map.copyOf(headers);
    }

    boolean is(String expectedMethod, String expectedPath) {
        return method.equals(expectedMethod) && path.equals(expectedPath);
    }
}
