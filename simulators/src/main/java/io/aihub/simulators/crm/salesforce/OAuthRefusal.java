package io.aihub.simulators.crm.salesforce;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token request the authorization server refuses, rendered as Salesforce renders it: HTTP 400 with
 * {@code {"error":..,"error_description":..}}.
 */
final class OAuthRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String error;

    OAuthRefusal(String error, String description) {
        super(description);
        this.error = error;
    }

    /** An {@code invalid_grant} refusal, e.g. {@code invalid assertion}. */
    static OAuthRefusal invalidGrant(String description) {
        return new OAuthRefusal("invalid_grant", description);
    }

    SimResponse toResponse() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", getMessage());
        return SimResponse.json(400, body);
    }
}
