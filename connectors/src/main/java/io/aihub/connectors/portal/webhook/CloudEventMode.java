package io.aihub.connectors.portal.webhook;

/** How a webhook request carried its event, per the CloudEvents 1.0 HTTP protocol binding. */
public enum CloudEventMode {
    /** Not a CloudEvent: the scheme's own payload. */
    NONE,
    /** Binary mode: attributes in {@code ce-*} headers, the body is the event data. */
    BINARY,
    /** Structured mode: {@code Content-Type: application/cloudevents+json}, the body is the whole event. */
    STRUCTURED
}
