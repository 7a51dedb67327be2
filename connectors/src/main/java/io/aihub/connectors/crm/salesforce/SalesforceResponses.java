package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.connectors.common.JsonReadFailures;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

/**
 * Turns Salesforce HTTP responses into JSON or into the error the runtime acts on: 5xx, 408 and 429 are
 * retriable ({@code SALESFORCE_UNAVAILABLE}), 403 {@code REQUEST_LIMIT_EXCEEDED} is retriable
 * ({@code SALESFORCE_QUOTA}), any other 4xx is a {@link SalesforceRejectedException}.
 */
final class SalesforceResponses {

    static final String UNAVAILABLE = "SALESFORCE_UNAVAILABLE";
    static final String QUOTA = "SALESFORCE_QUOTA";
    static final String AUTH = "SALESFORCE_AUTH";
    static final String PROTOCOL = "SALESFORCE_PROTOCOL";

    private static final Pattern OAUTH_DESCRIPTION = Pattern.compile("[A-Za-z][A-Za-z '/._-]{0,79}");

    private SalesforceResponses() {
    }

    /** The parsed body of a 2xx response (missing node when empty); throws the classified error otherwise. */
    static JsonNode body(String instanceName, String operation, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return parse(instanceName, operation, response.body());
        }
        throw failure(instanceName, operation, status, response.body());
    }

    /** The classified error of a response that is not 2xx, from its status and (the start of) its body. */
    static RuntimeException failure(String instanceName, String operation, int status, byte[] body) {
        String errorCode = errorCode(body);
        if (status == 403 && "REQUEST_LIMIT_EXCEEDED".equals(errorCode)) {
            return new RetriableException(QUOTA, "connector '" + instanceName + "': the org's daily API request"
                    + " limit is exhausted (" + operation + ", REQUEST_LIMIT_EXCEEDED)");
        }
        if (status >= 500 || status == 408 || status == 429) {
            return new RetriableException(UNAVAILABLE, "connector '" + instanceName + "': Salesforce answered HTTP "
                    + status + " to the " + operation + " (" + errorCode + ")");
        }
        return new SalesforceRejectedException(instanceName, operation, status, errorCode);
    }

    /** Salesforce's error code from {@code [{"errorCode":..}]} or an OAuth {@code {"error":..}} body. */
    static String errorCode(byte[] body) {
        try {
            JsonNode node = SalesforceJson.MAPPER.readTree(body);
            JsonNode first = node != null && node.isArray() && !node.isEmpty() ? node.get(0) : node;
            if (first != null && first.path("errorCode").isTextual()) {
                return first.get("errorCode").asText();
            }
            if (first != null && first.path("error").isTextual()) {
                return first.get("error").asText();
            }
        } catch (IOException e) {
            return "UNKNOWN";
        }
        return "UNKNOWN";
    }

    /**
     * An OAuth error for messages: the {@code error} code, plus Salesforce's {@code error_description} when
     * it is a short plain phrase (e.g. {@code invalid_grant: audience is invalid}); never anything else from
     * the body.
     */
    static String oauthError(byte[] body) {
        String code = errorCode(body);
        try {
            JsonNode node = SalesforceJson.MAPPER.readTree(body);
            String description = node == null ? "" : node.path("error_description").asText("");
            return OAUTH_DESCRIPTION.matcher(description).matches() ? code + ": " + description : code;
        } catch (IOException e) {
            return code;
        }
    }

    private static JsonNode parse(String instanceName, String operation, byte[] body) {
        if (body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return SalesforceJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new PermanentException(PROTOCOL, "connector '" + instanceName + "': Salesforce's answer to the "
                    + operation + " is not readable JSON (" + JsonReadFailures.why(e) + ")");
        }
    }
}
