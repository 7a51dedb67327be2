package io.aihub.model.remote;

import java.net.http.HttpHeaders;

/**
 * One HTTP answer of a model server.
 *
 * @param status  the HTTP status
 * @param body    the body as UTF-8 text, empty when none
 * @param headers the response headers
 */
public record HttpReply(int status, String body, HttpHeaders headers) {

    /** True for 2xx. */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** True when the body holds something other than whitespace. */
    public boolean hasBody() {
        return !body.isBlank();
    }
}
