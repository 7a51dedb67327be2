package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SAP Gateway errors made readable: the error JSON
 * {@code {"error":{"code":..,"message":{"lang":..,"value":..},"innererror":{..,"errordetails":[{"code":..}]}}}}
 * becomes {@code <code>: <message> (details: <codes>)}, and HTTP statuses become the errors the runtime acts
 * on: 429, 408 and 5xx are retriable ({@value #UNAVAILABLE}), 401 is the permanent {@value #AUTH}.
 *
 * <p>SAP's message text can quote values (e.g. {@code Value 'ACME Ltd' is invalid}); quoted text other than a
 * plain name is masked, so messages carry no payload values into logs and dead-letter headers.
 */
final class SapErrors {

    static final String UNAVAILABLE = "SAP_UNAVAILABLE";
    static final String AUTH = "SAP_AUTH";
    static final String PROTOCOL = "SAP_PROTOCOL";
    static final String REJECTED = "SAP_REJECTED";
    static final String STOPPED = "SAP_STOPPED";

    private static final int MAX_MESSAGE = 200;
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_/]*|[A-Za-z_]+\\(\\)");

    private SapErrors() {
    }

    /**
     * SAP's error code from an error body, or {@code HTTP <status>} when there is none.
     */
    static String code(int status, byte[] body) {
        JsonNode error = errorNode(body);
        String code = error == null ? "" : error.path("code").asText("");
        return code.isEmpty() ? "HTTP " + status : code;
    }

    /**
     * A one-line description of an error response: {@code code: message (details: c1, c2)} for SAP's error
     * JSON, the first line of a short text body (SAP answers CSRF failures in plain text), else the status.
     */
    static String describe(int status, byte[] body) {
        JsonNode error = errorNode(body);
        if (error != null) {
            String code = error.path("code").asText("");
            String message = mask(error.path("message").path("value").asText(error.path("message").asText("")));
            List<String> details = new ArrayList<>();
            for (JsonNode detail : error.path("innererror").path("errordetails")) {
                String detailCode = detail.path("code").asText("");
                if (!detailCode.isEmpty() && !detailCode.equals(code) && !details.contains(detailCode)) {
                    details.add(detailCode);
                }
            }
            return (code.isEmpty() ? "HTTP " + status : code) + ": " + (message.isEmpty() ? "no message" : message)
                    + (details.isEmpty() ? "" : " (details: " + String.join(", ", details) + ")");
        }
        String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8).strip();
        if (!text.isEmpty() && !text.startsWith("<") && !text.startsWith("{")) {
            return "HTTP " + status + ": " + mask(text.lines().findFirst().orElse(""));
        }
        return "HTTP " + status;
    }

    /** Retriable for 408, 429 and 5xx. */
    static boolean retriable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /** The exception for a failed call that cannot be handled per record. */
    static RuntimeException failure(String instanceName, String operation, int status, byte[] body,
            String authMode) {
        String described = describe(status, body);
        if (status == 401) {
            return new PermanentException(AUTH, "connector '" + instanceName + "': SAP refused the " + authMode
                    + " credentials for the " + operation + " (" + described + "); the connector cannot log in"
                    + " again by itself: check the user, password or token and its roles");
        }
        if (retriable(status)) {
            return new RetriableException(UNAVAILABLE, "connector '" + instanceName + "': SAP answered the "
                    + operation + " with " + described);
        }
        return new PermanentException(REJECTED, "connector '" + instanceName + "': SAP refused the " + operation
                + " with " + described);
    }

    /** Masks quoted values and control characters, and shortens to {@value #MAX_MESSAGE} characters. */
    static String mask(String message) {
        Matcher m = QUOTED.matcher(message.replaceAll("\\p{Cntrl}", " "));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = m.group(1);
            m.appendReplacement(out, Matcher.quoteReplacement(PLAIN_NAME.matcher(inner).matches()
                    ? "'" + inner + "'" : "'***'"));
        }
        m.appendTail(out);
        String text = out.toString().strip();
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "...";
    }

    private static JsonNode errorNode(byte[] body) {
        if (body == null || body.length == 0 || body[0] != '{') {
            return null;
        }
        try {
            JsonNode root = SapJson.MAPPER.readTree(body);
            JsonNode error = root == null ? null : root.get("error");
            return error != null && error.isObject() ? error : null;
        } catch (IOException e) {
            return null;
        }
    }
}
