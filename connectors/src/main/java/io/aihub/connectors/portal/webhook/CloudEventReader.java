package io.aihub.connectors.portal.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.aihub.connectors.portal.webhook.WebhookHeaders.AmbiguousHeaderException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads CloudEvents 1.0 over HTTP: binary mode ({@code ce-*} headers, percent-decoded as the HTTP binding
 * asks) and structured mode ({@code application/cloudevents+json}). Batch mode is refused.
 */
final class CloudEventReader {

    static final String STRUCTURED_TYPE = "application/cloudevents+json";
    static final String BATCH_TYPE = "application/cloudevents-batch+json";
    static final String SPEC_VERSION = "1.0";

    /**
     * The attributes the hub uses.
     *
     * @param id     {@code id}
     * @param source {@code source}
     * @param type   {@code type}
     * @param time   {@code time}, or null
     * @param data   the event data as JSON (missing when the event has none)
     */
    record Attributes(String id, String source, String type, Instant time, JsonNode data) {
    }

    private final String endpoint;

    CloudEventReader(String endpoint) {
        this.endpoint = endpoint;
    }

    /** The request's mode, from its content type and headers; throws for a batch. */
    CloudEventMode mode(WebhookHeaders headers) {
        String contentType = mediaType(headers);
        if (contentType.equals(BATCH_TYPE)) {
            throw WebhookRejectedException.badBody(WebhookRejectedException.CLOUDEVENTS_BATCH_UNSUPPORTED,
                    prefix() + "CloudEvents batch mode is not accepted; send one event per request");
        }
        if (contentType.startsWith("application/cloudevents+")) {
            if (!contentType.equals(STRUCTURED_TYPE)) {
                throw WebhookRejectedException.badBody(WebhookRejectedException.UNSUPPORTED_CONTENT_TYPE,
                        prefix() + "only the JSON event format of CloudEvents structured mode is accepted");
            }
            return CloudEventMode.STRUCTURED;
        }
        return headers.has("ce-specversion") ? CloudEventMode.BINARY : CloudEventMode.NONE;
    }

    /** The attributes of a structured-mode event; {@code envelope} is the parsed body. */
    Attributes structured(JsonNode envelope) {
        if (!envelope.isObject()) {
            throw invalid("the structured-mode body is not a JSON object");
        }
        requireSpecVersion(text(envelope, "specversion"));
        if (envelope.has("data_base64")) {
            throw unsupportedData("data_base64");
        }
        text(envelope, "datacontenttype").ifPresent(this::requireJsonData);
        return new Attributes(require(text(envelope, "id"), "id"), requireSource(text(envelope, "source")),
                require(text(envelope, "type"), "type"), time(text(envelope, "time")),
                envelope.has("data") ? envelope.get("data") : MissingNode.getInstance());
    }

    /** The attributes of a binary-mode event; {@code data} is the parsed body. */
    Attributes binary(WebhookHeaders headers, JsonNode data) {
        try {
            requireSpecVersion(header(headers, "ce-specversion"));
            String contentType = mediaType(headers);
            if (!contentType.isEmpty()) {
                requireJsonData(contentType);
            }
            return new Attributes(require(header(headers, "ce-id"), "id"),
                    requireSource(header(headers, "ce-source")), require(header(headers, "ce-type"), "type"),
                    time(header(headers, "ce-time")), data);
        } catch (AmbiguousHeaderException e) {
            throw invalid("a ce- header was sent more than once with different values");
        }
    }

    private Optional<String> header(WebhookHeaders headers, String name) throws AmbiguousHeaderException {
        Optional<String> raw = headers.single(name);
        return raw.isEmpty() ? raw : Optional.of(percentDecode(raw.get(), name));
    }

    private void requireSpecVersion(Optional<String> version) {
        if (!version.orElse("").equals(SPEC_VERSION)) {
            throw invalid("specversion must be " + SPEC_VERSION);
        }
    }

    private String require(Optional<String> value, String attribute) {
        return value.filter(v -> !v.isEmpty()).orElseThrow(() -> invalid("the " + attribute + " attribute is missing"));
    }

    private String requireSource(Optional<String> value) {
        String source = require(value, "source");
        if (source.chars().anyMatch(c -> c <= ' ')) {
            throw invalid("the source attribute is not a URI-reference");
        }
        return source;
    }

    private Instant time(Optional<String> value) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.get()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("the time attribute is not an RFC 3339 timestamp");
        }
    }

    private void requireJsonData(String contentType) {
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!(media.equals("application/json") || media.equals("text/json") || media.endsWith("+json"))) {
            throw unsupportedData("datacontenttype");
        }
    }

    private static Optional<String> text(JsonNode envelope, String attribute) {
        JsonNode node = envelope.get(attribute);
        return node != null && node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
    }

    static String mediaType(WebhookHeaders headers) {
        return headers.first("Content-Type").map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
    }

    /** Decodes {@code %XX} escapes as UTF-8 (CloudEvents HTTP binding, binary mode header values). */
    private String percentDecode(String value, String name) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    throw invalid("header " + name + " holds a malformed percent escape");
                }
                bytes.write(Character.digit(value.charAt(i + 1), 16) * 16 + Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid("header " + name + " is not UTF-8 after percent-decoding");
        }
    }

    private WebhookRejectedException invalid(String why) {
        return WebhookRejectedException.badBody(WebhookRejectedException.INVALID_CLOUDEVENT,
                prefix() + "invalid CloudEvent: " + why);
    }

    private WebhookRejectedException unsupportedData(String attribute) {
        return WebhookRejectedException.badBody(WebhookRejectedException.UNSUPPORTED_CONTENT_TYPE,
                prefix() + "the CloudEvent's data is not JSON (" + attribute + ")");
    }

    private String prefix() {
        return "webhook endpoint '" + endpoint + "': ";
    }
}
