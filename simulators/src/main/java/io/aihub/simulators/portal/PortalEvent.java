package io.aihub.simulators.portal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One customer-portal event about an account.
 *
 * @param eventId    unique per event, the same on every retry (webhook-id, Stripe event id, CloudEvents id...)
 * @param type       e.g. {@code account.updated} or {@code ticket.created}
 * @param occurredAt when the event happened
 * @param recordId   the account id
 * @param fields     the account's fields, named as in Salesforce (values: String, Number, Boolean or null)
 */
public record PortalEvent(String eventId, String type, Instant occurredAt, String recordId,
        Map<String, Object> fields) {

    public PortalEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(recordId, "recordId");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(fields, "fields")));
    }

    /** This event with one field changed: what a man in the middle would send. */
    public PortalEvent withField(String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put(name, value);
        return new PortalEvent(eventId, type, occurredAt, recordId, changed);
    }
}
