package io.aihub.simulators.model;

import java.util.Map;
import java.util.Objects;

/**
 * One answer of a simulated model server.
 *
 * @param status  the HTTP status
 * @param body    the body, or empty for none
 * @param headers extra response headers
 */
record SimReply(int status, String body, Map<String, String> headers) {

    SimReply {
        Objects.requireNonNull(body, "body");
        headers = Map.copyOf(headers);
    }

    static SimReply json(int status, String body) {
        return new SimReply(status, body, Map.of("Content-Type", "application/json"));
    }

    static SimReply empty(int status) {
        return new SimReply(status, "", Map.of());
    }
}
