package io.aihub.simulators.crm.salesforce;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request as the handlers see it.
 *
 * @param method      the HTTP method, upper case
 * @param queryParams the decoded query string parameters (first value of each)
 * @param headers     the request headers by lower-case name (first value of each)
 * @param body        the request body; empty when there was none
 */
record SimRequest(String method, Map<String, String> queryParams, Map<String, String> headers, byte[] body) {

    SimRequest {
        Objects.requireNonNull(method, "method");
        queryParams = Map.copyOf(queryParams);
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    /** The first value of a header, by case-insensitive name; null when absent. */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
