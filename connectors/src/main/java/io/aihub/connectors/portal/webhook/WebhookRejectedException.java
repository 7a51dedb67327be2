package io.aihub.connectors.portal.webhook;

import io.aihub.api.error.PermanentException;

/**
 * A webhook request the hub must refuse: sending it again unchanged fails again. Carries the HTTP status to
 * answer with (400 bad body, 401 bad signature, 413 too large) and a stable code; the message names the
 * endpoint and the problem, never a secret or a body value.
 */
public final class WebhookRejectedException extends PermanentException {

    private static final long serialVersionUID = 1L;

    /** The body is not JSON (or not UTF-8), or is nested too deeply. */
    public static final String MALFORMED_JSON = "WEBHOOK_MALFORMED_JSON";
    /** No delivery or event id to de-duplicate on, or one longer than 255 characters. */
    public static final String MISSING_DELIVERY_ID = "WEBHOOK_MISSING_DELIVERY_ID";
    /** The record id path selects nothing, or something that is not text or a whole number. */
    public static final String MISSING_RECORD_ID = "WEBHOOK_MISSING_RECORD_ID";
    /** The configured version path selects nothing, or something that is not text or a number. */
    public static final String MISSING_VERSION = "WEBHOOK_MISSING_VERSION";
    /** The fields path selects nothing, or something that is not a JSON object. */
    public static final String FIELDS_NOT_AN_OBJECT = "WEBHOOK_FIELDS_NOT_AN_OBJECT";
    /** A CloudEvent lacks a required attribute, has a specversion other than 1.0, or a malformed one. */
    public static final String INVALID_CLOUDEVENT = "WEBHOOK_INVALID_CLOUDEVENT";
    /** A CloudEvents batch ({@code application/cloudevents-batch+json}); not accepted, send events one by one. */
    public static final String CLOUDEVENTS_BATCH_UNSUPPORTED = "WEBHOOK_CLOUDEVENTS_BATCH_UNSUPPORTED";
    /** A CloudEvent whose data is not JSON ({@code datacontenttype}, or {@code data_base64}). */
    public static final String UNSUPPORTED_CONTENT_TYPE = "WEBHOOK_UNSUPPORTED_CONTENT_TYPE";

    private final int httpStatus;

    public WebhookRejectedException(String code, int httpStatus, String message) {
        super(code, message);
        if (httpStatus < 400 || httpStatus > 499) {
            throw new IllegalArgumentException("a rejection answers with a 4xx status, not " + httpStatus);
        }
        this.httpStatus = httpStatus;
    }

    /** A 400 rejection of the body: the hub answers 400 and may dead-letter the request. */
    static WebhookRejectedException badBody(String code, String message) {
        return new WebhookRejectedException(code, 400, message);
    }

    /** A rejection for a failed verification (401, or 413 for a body too large). */
    static WebhookRejectedException unverified(String endpoint, VerificationFailure failure) {
        return new WebhookRejectedException(failure.code(), failure.httpStatus(),
                "webhook endpoint '" + endpoint + "': verification failed: " + failure.name());
    }

    /** The HTTP status to answer with: 400, 401 or 413. */
    public int httpStatus() {
        return httpStatus;
    }
}
