package io.aihub.connectors.portal.webhook;

/**
 * Remembers which deliveries were accepted, so a retried or replayed delivery is answered 200 without being
 * published again. Implementations are thread-safe.
 *
 * <p>The order matters: ask {@link #alreadyAccepted} before publishing, and call {@link #recordAccepted} only
 * after the event is durably on the broker. Recording first would turn a failed publish (503) into a lost
 * event, because the sender's retry would then be taken for a duplicate. Two concurrent deliveries of the same
 * key can both pass {@link #alreadyAccepted}; the broker's duplicate detection ({@code _AMQ_DUPL_ID} = the
 * route and the dedupe key) keeps the second one off the queue.
 */
public interface DeliveryDeduplicator {

    /** True if {@code dedupeKey} was recorded as accepted and has not been forgotten since. */
    boolean alreadyAccepted(String dedupeKey);

    /** Records that the delivery with {@code dedupeKey} is durably accepted. */
    void recordAccepted(String dedupeKey);
}
