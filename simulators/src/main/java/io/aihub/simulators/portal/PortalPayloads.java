package io.aihub.simulators.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aihub.api.json.HubJson;

/** The JSON bodies a portal sends, per scheme and CloudEvents mode. */
final class PortalPayloads {

    /** The CloudEvents {@code source} of every event the simulator sends. */
    static final String CLOUDEVENTS_SOURCE = "/aihub/simulators/portal";
    static final String CLOUDEVENTS_TYPE_PREFIX = "com.example.portal.";

    private static final ObjectMapper JSON = HubJson.mapper();

    private PortalPayloads() {
    }

    /** The record itself: {@code {"id": ..., <fields>}}. */
    static ObjectNode data(PortalEvent event) {
        ObjectNode data = JSON.createObjectNode();
        data.put("id", event.recordId());
        event.fields().forEach((name, value) -> data.set(name, JSON.valueToTree(value)));
        return data;
    }

    /** The body of a delivery that is not a CloudEvent (or of a binary-mode CloudEvent: its data). */
    static byte[] plain(PortalSigningScheme scheme, PortalEvent event) {
        ObjectNode body = JSON.createObjectNode();
        switch (scheme) {
            case STANDARD_WEBHOOKS -> {
                body.put("type", event.type());
                body.put("timestamp", event.occurredAt().toString());
                body.set("data", data(event));
            }
            case STRIPE -> {
                body.put("id", event.eventId());
                body.put("object", "event");
                body.put("type", event.type());
                body.put("created", event.occurredAt().getEpochSecond());
                body.putObject("data").set("object", data(event));
            }
            case GITHUB, SHOPIFY -> body = data(event);
        }
        return bytes(body);
    }

    /** A structured-mode CloudEvent: the whole event as JSON, the record as {@code data}. */
    static byte[] structured(PortalEvent event) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("specversion", "1.0");
        envelope.put("id", event.eventId());
        envelope.put("source", CLOUDEVENTS_SOURCE);
        envelope.put("type", CLOUDEVENTS_TYPE_PREFIX + event.type());
        envelope.put("time", event.occurredAt().toString());
        envelope.put("subject", event.recordId());
        envelope.put("datacontenttype", "application/json");
        envelope.set("data", data(event));
        return bytes(envelope);
    }

    static byte[] binaryData(PortalEvent event) {
        return bytes(data(event));
    }

    private static byte[] bytes(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a portal event", e);
        }
    }
}
