package io.aihub.connectors.portal.webhook;

import io.aihub.api.source.SourceRecord;
import java.util.Objects;

/**
 * One verified and parsed webhook delivery.
 *
 * @param dedupeKey the key to de-duplicate deliveries on: the same for every retry of the same event (see
 *                  {@link WebhookEventParser} for where it comes from per scheme); at most 512 characters
 * @param eventId   the raw event or delivery id the key was made from
 * @param eventType the event's type ({@code account.updated}, CloudEvents {@code type}, GitHub
 *                  {@code X-GitHub-Event}, Shopify {@code X-Shopify-Topic}); empty when the sender gave none
 * @param mode      whether and how the request was a CloudEvent
 * @param record    the record the event carries
 */
public record WebhookEvent(String dedupeKey, String eventId, String eventType, CloudEventMode mode,
        SourceRecord record) {

    /** The key of {@link SourceRecord#position()}: a webhook record's position holds its dedupe key. */
    public static final String POSITION_KEY = "webhookDedupeKey";

    public WebhookEvent {
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(record, "record");
        if (dedupeKey.isBlank() || eventId.isBlank()) {
            throw new IllegalArgumentException("dedupeKey and eventId must not be blank");
        }
    }
}
