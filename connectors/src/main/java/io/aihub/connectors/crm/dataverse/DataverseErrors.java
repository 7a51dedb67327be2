package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.connectors.common.JsonReadFailures;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Dataverse's error body {@code {"error":{"code":"0x80040217","message":".."}}} and turns failed
 * responses into the error the runtime acts on: 5xx and 408 are retriable ({@value #UNAVAILABLE}), other
 * 4xx permanent ({@value #REJECTED}). Messages name the code, what it means when it is a well-known one, and
 * Dataverse's message with quoted values and numbers masked, so no record value reaches a log.
 */
final class DataverseErrors {

    static final String UNAVAILABLE = "DATAVERSE_UNAVAILABLE";
    static final String THROTTLED = "DATAVERSE_THROTTLED";
    static final String AUTH = "DATAVERSE_AUTH";
    static final String REJECTED = "DATAVERSE_REJECTED";
    static final String PROTOCOL = "DATAVERSE_PROTOCOL";
    static final String STOPPED = "DATAVERSE_STOPPED";

    private static final Map<String, String> KNOWN = Map.of(
            "0x80040217", "the record does not exist",
            "0x80060882", "the record changed since the ETag sent in If-Match was read",
            "0x80060888", "a column named in the request does not exist",
            "0x8006088a", "the request URL or a query option is malformed",
            "0x80072322", "service protection limit: too many requests",
            "0x80072321", "service protection limit: too much execution time",
            "0x80072326", "service protection limit: too many concurrent requests",
            "0x80048d19", "a value in the body does not suit its column's type",
            "0x80040220", "the application user lacks a privilege");

    private static final Pattern QUOTED = Pattern.compile("'[^']*'");
    private static final Pattern NAME = Pattern.compile("'[A-Za-z_][A-Za-z0-9_.]*'");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w-])\\d+(?:\\.\\d+)?(?![\\w-])");
    private static final Pattern OAUTH_DESCRIPTION = Pattern.compile("AADSTS\\d{4,8}: [A-Za-z][A-Za-z '/._-]{0,120}");
    private static final int MAX_MESSAGE = 200;

    /** Dataverse's error code and message, safe for logs. */
    record ODataError(String code, String message) {
        String describe() {
            String known = KNOWN.get(code);
            return code + (known == null ? "" : " (" + known + ")") + (message.isEmpty() ? "" : ": " + message);
        }
    }

    private DataverseErrors() {
    }

    /** The error in a response body; code {@code UNKNOWN} and no message when the body is not an OData error. */
    static ODataError read(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : DataverseJson.MAPPER.readTree(body);
            JsonNode error = node == null ? null : node.path("error");
            if (error != null && error.path("code").isTextual()) {
                return new ODataError(error.get("code").asText(), sanitize(error.path("message").asText("")));
            }
        } catch (IOException e) {
            return new ODataError("UNKNOWN", "");
        }
        return new ODataError("UNKNOWN", "");
    }

    /**
     * Dataverse's message with every quoted text that is not a plain name, and every number outside a GUID
     * or code, masked; shortened to {@value #MAX_MESSAGE} characters.
     */
    static String sanitize(String message) {
        String names = QUOTED.matcher(message).replaceAll(m -> NAME.matcher(m.group()).matches()
                ? Matcher.quoteReplacement(m.group()) : "'…'");
        String masked = NUMBER.matcher(names).replaceAll("#");
        masked = masked.replaceAll("[\\r\\n\\t]+", " ").trim();
        return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE) + "…";
    }

    /** An Entra ID token error for messages: the {@code error} and, when it is a plain phrase, its AADSTS text. */
    static String oauthError(byte[] body) {
        try {
            JsonNode node = DataverseJson.MAPPER.readTree(body);
            String error = node == null ? "" : node.path("error").asText("");
            String description = node == null ? "" : node.path("error_description").asText("");
            int end = description.indexOf('.');
            String first = end > 0 ? description.substring(0, end) : description;
            return (error.isEmpty() ? "unknown error" : error)
                    + (OAUTH_DESCRIPTION.matcher(first).matches() ? ": " + first : "");
        } catch (IOException e) {
            return "unreadable answer";
        }
    }

    /** The exception for a failed data call that is not handled per record. */
    static RuntimeException failure(String instanceName, String operation, int status, byte[] body) {
        ODataError error = read(body);
        String text = "connector '" + instanceName + "': Dataverse answered HTTP " + status + " to the " + operation
                + " (" + error.describe() + ")";
        if (status >= 500 || status == 408) {
            return new RetriableException(UNAVAILABLE, text);
        }
        return new PermanentException(REJECTED, text);
    }

    /** Parses a 2xx JSON body. */
    static JsonNode json(String instanceName, String operation, byte[] body) {
        try {
            JsonNode node = DataverseJson.MAPPER.readTree(body);
            if (node == null) {
                throw new IOException("empty body");
            }
            return node;
        } catch (IOException e) {
            throw new PermanentException(PROTOCOL, "connector '" + instanceName + "': Dataverse's answer to the "
                    + operation + " is not readable JSON (" + JsonReadFailures.why(e) + ")");
        }
    }
}
