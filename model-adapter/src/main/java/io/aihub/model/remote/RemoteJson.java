package io.aihub.model.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;
import java.util.Optional;

/**
 * The JSON reader and writer of the remote backends, with explicit read limits (nesting {@value #MAX_DEPTH},
 * strings up to {@value #MAX_STRING_LENGTH} characters, numbers up to 100 digits, documents up to 16 MiB;
 * built by {@link HubJson}). Bare {@code NaN} and
 * {@code Infinity}, which Python-based model servers write, are read as numbers so that the affected rows can
 * be rejected one by one.
 */
public final class RemoteJson {

    /** Deepest nesting read. */
    public static final int MAX_DEPTH = 64;
    /** Longest string read. */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** Largest response document read, in bytes. */
    public static final long MAX_DOCUMENT_BYTES = HubJson.DEFAULT_MAX_DOCUMENT_BYTES;

    /** The shared, thread-safe mapper. */
    public static final ObjectMapper MAPPER = HubJson.mapperBuilder(HubJson.limits()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(100)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .build())
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private RemoteJson() {
    }

    /** Parses {@code text}, or empty when it is not JSON. */
    public static Optional<JsonNode> tryParse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            return node == null || node.isMissingNode() ? Optional.empty() : Optional.of(node);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Serialises a request body. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise a request body: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The server's own error text from an error body, or empty: {@code {"error": "..."}} (KServe, TF Serving),
     * {@code {"error": {"message": "..."}}} (OpenAI), {@code {"error_code": "...", "message": "..."}} (MLflow).
     * Control characters are dropped and the text is cut at 300 characters.
     */
    public static Optional<String> serverMessage(String body) {
        Optional<JsonNode> parsed = tryParse(body);
        if (parsed.isEmpty() || !parsed.get().isObject()) {
            return Optional.empty();
        }
        JsonNode root = parsed.get();
        JsonNode error = root.path("error");
        String text = null;
        if (error.isTextual()) {
            text = error.asText();
        } else if (error.path("message").isTextual()) {
            text = error.path("message").asText();
        } else if (root.path("message").isTextual()) {
            text = (root.path("error_code").isTextual() ? root.path("error_code").asText() + ": " : "")
                    + root.path("message").asText();
        }
        if (text == null) {
            return Optional.empty();
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ").strip();
        return Optional.of(clean.length() > 300 ? clean.substring(0, 300) + "..." : clean);
    }
}
