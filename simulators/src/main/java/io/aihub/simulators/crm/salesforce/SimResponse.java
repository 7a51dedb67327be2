package io.aihub.simulators.crm.salesforce;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * A response to send: status, JSON body and extra headers.
 *
 * @param status  the HTTP status
 * @param body    a value Jackson can write, a {@link StreamedBody} that writes its own bytes, or null for no body
 * @param headers extra response headers
 */
record SimResponse(int status, Object body, Map<String, String> headers) {

    /** A body that writes its own bytes, sent chunked. */
    interface StreamedBody {
        void writeTo(OutputStream out) throws IOException;
    }

    SimResponse {
        headers = Map.copyOf(headers);
    }

    static SimResponse json(int status, Object body) {
        return new SimResponse(status, body, Map.of());
    }
}
