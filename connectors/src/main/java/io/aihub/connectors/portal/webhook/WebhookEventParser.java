package io.aihub.connectors.portal.webhook;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.connectors.common.JsonValues;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.connectors.portal.webhook.WebhookHeaders.AmbiguousHeaderException;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a <em>verified</em> webhook request into a {@link WebhookEvent}. Immutable and thread-safe.
 *
 * <p>The payload is the body, or for a CloudEvent its data (binary mode: the body; structured mode: the
 * envelope's {@code data}), so one configuration reads both CloudEvents modes alike. The record id, version
 * and fields are read from the payload with JSON Pointers ({@code /data/object/id}; {@code /} alone selects the
 * whole payload). Defaults, used when a path is not configured:
 *
 * <table>
 * <caption>default paths and ids</caption>
 * <tr><th>request</th><th>recordIdPath</th><th>fieldsPath</th><th>dedupe key</th><th>modifiedAt</th></tr>
 * <tr><td>CloudEvent (any scheme but standard-webhooks)</td><td>/id</td><td>/</td><td>{@code <source> <id>}</td>
 *     <td>time</td></tr>
 * <tr><td>standard-webhooks</td><td>/data/id</td><td>/data</td><td>webhook-id</td>
 *     <td>body timestamp, else webhook-timestamp</td></tr>
 * <tr><td>stripe</td><td>/data/object/id</td><td>/data/object</td><td>body id (evt_...)</td><td>created</td></tr>
 * <tr><td>github</td><td>/id</td><td>/</td><td>X-GitHub-Delivery</td><td>none</td></tr>
 * <tr><td>shopify</td><td>/id</td><td>/</td><td>X-Shopify-Webhook-Id, else X-Shopify-Event-Id</td>
 *     <td>X-Shopify-Triggered-At</td></tr>
 * </table>
 *
 * <p>A CloudEvent sent with standard-webhooks signing keeps the signed {@code webhook-id} as its dedupe key,
 * but reads its record from the CloudEvent's data. Without {@code versionPath} the version is the event id:
 * every event is a new version. Fields are the payload object's members as Java values (String, Long, Double,
 * Boolean or null; nested objects and arrays as JSON text).
 */
public final class WebhookEventParser {

    public static final String GITHUB_DELIVERY = "X-GitHub-Delivery";
    public static final String GITHUB_EVENT = "X-GitHub-Event";
    public static final String SHOPIFY_WEBHOOK_ID = "X-Shopify-Webhook-Id";
    public static final String SHOPIFY_EVENT_ID = "X-Shopify-Event-Id";
    public static final String SHOPIFY_TOPIC = "X-Shopify-Topic";
    public static final String SHOPIFY_TRIGGERED_AT = "X-Shopify-Triggered-At";

    /** Longest event id accepted. */
    static final int MAX_ID_LENGTH = 255;
    private static final JsonPointer ROOT = JsonPointer.empty();

    private final String endpoint;
    private final WebhookScheme scheme;
    private final String system;
    private final String entity;
    private final JsonPointer recordIdPath;
    private final JsonPointer versionPath;
    private final JsonPointer fieldsPath;
    private final CloudEventReader cloudEvents;

    /**
     * @param endpoint     the endpoint (connector instance) name, for messages
     * @param scheme       the signing scheme, which decides the default ids and paths
     * @param system       {@link SourceRecord#system()} of every record
     * @param entity       {@link SourceRecord#entity()} of every record
     * @param recordIdPath JSON Pointer to the record id in the payload, or empty for the default
     * @param versionPath  JSON Pointer to the record version, or empty to use the event id
     * @param fieldsPath   JSON Pointer to the fields object, or empty for the default
     * @throws IllegalArgumentException when a path is not a JSON Pointer
     */
    public WebhookEventParser(String endpoint, WebhookScheme scheme, String system, String entity,
            String recordIdPath, String versionPath, String fieldsPath) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.scheme = Objects.requireNonNull(scheme, "scheme");
        this.system = Objects.requireNonNull(system, "system");
        this.entity = Objects.requireNonNull(entity, "entity");
        this.recordIdPath = pointer(recordIdPath);
        this.versionPath = pointer(versionPath);
        this.fieldsPath = pointer(fieldsPath);
        this.cloudEvents = new CloudEventReader(endpoint);
    }

    /**
     * Compiles a configured path: empty or null means "not configured" (null), {@code /} the whole document.
     *
     * @throws IllegalArgumentException when {@code text} is not a JSON Pointer
     */
    static JsonPointer pointer(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String path = text.trim();
        if (path.equals("/")) {
            return ROOT;
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("must be a JSON Pointer starting with /");
        }
        return JsonPointer.compile(path);
    }

    /**
     * Parses a request whose signature was verified.
     *
     * @param headers the request headers (case-insensitive)
     * @param rawBody the body as received
     * @throws WebhookRejectedException (400) with a code naming what is wrong
     */
    public WebhookEvent parse(Map<String, List<String>> headers, byte[] rawBody) {
        WebhookHeaders h = new WebhookHeaders(headers);
        CloudEventMode mode = cloudEvents.mode(h);
        JsonNode body = readJson(rawBody);
        CloudEventReader.Attributes ce = switch (mode) {
            case STRUCTURED -> cloudEvents.structured(body);
            case BINARY -> cloudEvents.binary(h, body);
            case NONE -> null;
        };
        JsonNode payload = ce == null ? body : ce.data();
        boolean standard = scheme == WebhookScheme.STANDARD_WEBHOOKS;

        String eventId;
        String dedupeKey;
        if (standard || ce == null) {
            eventId = schemeId(h, body);
            dedupeKey = eventId;
        } else {
            eventId = checkedId(ce.id());
            dedupeKey = checkedId(ce.source()) + " " + eventId;
        }
        String eventType = ce != null ? ce.type() : schemeType(h, body);
        Instant modifiedAt = ce != null ? ce.time() : schemeTime(h, body);

        JsonNode idNode = payload.at(recordIdPath != null ? recordIdPath : defaultIdPath(ce != null));
        String recordId = scalarText(idNode, true).orElseThrow(() -> bad(WebhookRejectedException.MISSING_RECORD_ID,
                "recordIdPath selects no text or whole number"));
        String version = eventId;
        if (versionPath != null) {
            version = scalarText(payload.at(versionPath), false).orElseThrow(() -> bad(
                    WebhookRejectedException.MISSING_VERSION, "versionPath selects no text or number"));
        }
        JsonNode fieldsNode = payload.at(fieldsPath != null ? fieldsPath : defaultFieldsPath(ce != null));
        if (!fieldsNode.isObject()) {
            throw bad(WebhookRejectedException.FIELDS_NOT_AN_OBJECT, "fieldsPath selects no JSON object");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fieldsNode.properties().forEach(e -> fields.put(e.getKey(), JsonValues.javaValue(e.getValue())));
        SourceRecord record = new SourceRecord(system, entity, recordId, version, modifiedAt, fields,
                new SourcePosition(Map.of(WebhookEvent.POSITION_KEY, dedupeKey)));
        return new WebhookEvent(dedupeKey, eventId, eventType, mode, record);
    }

    private JsonNode readJson(byte[] rawBody) {
        if (rawBody.length == 0) {
            throw bad(WebhookRejectedException.MALFORMED_JSON, "the body is empty");
        }
        try {
            JsonNode node = WebhookJson.MAPPER.readTree(rawBody);
            if (node == null || node.isMissingNode()) {
                throw bad(WebhookRejectedException.MALFORMED_JSON, "the body holds no JSON value");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the body; only the location is kept.
            throw bad(WebhookRejectedException.MALFORMED_JSON, "the body is not valid JSON (at byte "
                    + (e.getLocation() == null ? "?" : e.getLocation().getByteOffset()) + ")");
        } catch (IOException e) {
            throw bad(WebhookRejectedException.MALFORMED_JSON, "the body cannot be read as JSON");
        }
    }

    private String schemeId(WebhookHeaders h, JsonNode body) {
        Optional<String> id;
        try {
            id = switch (scheme) {
                case STANDARD_WEBHOOKS -> h.single(WebhookVerifier.WEBHOOK_ID);
                case STRIPE -> scalarText(body.path("id"), false);
                case GITHUB -> h.single(GITHUB_DELIVERY);
                case SHOPIFY -> h.single(SHOPIFY_WEBHOOK_ID).or(() -> h.first(SHOPIFY_EVENT_ID));
            };
        } catch (AmbiguousHeaderException e) {
            id = Optional.empty();
        }
        return checkedId(id.orElseThrow(() -> bad(WebhookRejectedException.MISSING_DELIVERY_ID,
                "no delivery or event id for scheme " + scheme.configValue())));
    }

    private String checkedId(String id) {
        if (id.isBlank() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            throw bad(WebhookRejectedException.MISSING_DELIVERY_ID, "the event id is blank, longer than "
                    + MAX_ID_LENGTH + " characters or holds control characters");
        }
        return id;
    }

    private String schemeType(WebhookHeaders h, JsonNode body) {
        return switch (scheme) {
            case STANDARD_WEBHOOKS, STRIPE -> scalarText(body.path("type"), false).orElse("");
            case GITHUB -> h.first(GITHUB_EVENT).orElse("");
            case SHOPIFY -> h.first(SHOPIFY_TOPIC).orElse("");
        };
    }

    /** When the event happened by the scheme's conventions; null when unknown or unreadable (informative only). */
    private Instant schemeTime(WebhookHeaders h, JsonNode body) {
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> {
                Instant occurred = isoInstant(scalarText(body.path("timestamp"), false));
                yield occurred != null ? occurred : epochSeconds(h.first(WebhookVerifier.WEBHOOK_TIMESTAMP)
                        .filter(t -> t.matches("[0-9]{1,12}")).map(Long::parseLong));
            }
            case STRIPE -> {
                JsonNode created = body.path("created");
                yield epochSeconds(created.isIntegralNumber() && created.canConvertToLong()
                        ? Optional.of(created.longValue()) : Optional.empty());
            }
            case GITHUB -> null;
            case SHOPIFY -> isoInstant(h.first(SHOPIFY_TRIGGERED_AT));
        };
    }

    private static Instant epochSeconds(Optional<Long> seconds) {
        try {
            return seconds.map(Instant::ofEpochSecond).orElse(null);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private JsonPointer defaultIdPath(boolean cloudEvent) {
        if (cloudEvent) {
            return JsonPointer.compile("/id");
        }
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> JsonPointer.compile("/data/id");
            case STRIPE -> JsonPointer.compile("/data/object/id");
            case GITHUB, SHOPIFY -> JsonPointer.compile("/id");
        };
    }

    private JsonPointer defaultFieldsPath(boolean cloudEvent) {
        if (cloudEvent) {
            return ROOT;
        }
        return switch (scheme) {
            case STANDARD_WEBHOOKS -> JsonPointer.compile("/data");
            case STRIPE -> JsonPointer.compile("/data/object");
            case GITHUB, SHOPIFY -> ROOT;
        };
    }

    /** Text, or a number as text (integral numbers only when {@code integralOnly}). */
    private static Optional<String> scalarText(JsonNode node, boolean integralOnly) {
        if (node.isTextual() && !node.textValue().isBlank()) {
            return Optional.of(node.textValue());
        }
        if (node.isIntegralNumber() || (!integralOnly && node.isNumber())) {
            return Optional.of(node.asText());
        }
        return Optional.empty();
    }

    private static Instant isoInstant(Optional<String> text) {
        try {
            return text.map(t -> OffsetDateTime.parse(t).toInstant()).orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }


    private WebhookRejectedException bad(String code, String why) {
        return WebhookRejectedException.badBody(code, "webhook endpoint '" + endpoint + "': " + why);
    }

    @Override
    public String toString() {
        return "WebhookEventParser[endpoint=" + endpoint + ", scheme=" + scheme.configValue() + ", system=" + system
                + ", entity=" + entity + "]";
    }
}
