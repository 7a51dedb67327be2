package io.aihub.simulators.portal;

import java.time.Duration;
import java.util.Objects;

/**
 * How to send one event: the switches of the sender.
 *
 * @param cloudEvents     plain scheme payload, or a CloudEvent in binary or structured mode
 * @param key             which secret signs it
 * @param timestampOffset added to the sender's clock for the signed timestamp (negative: stale)
 * @param tamperBody      change the body after signing (the signature stays that of the original body)
 */
public record PortalDelivery(CloudEventsMode cloudEvents, SigningKey key, Duration timestampOffset,
        boolean tamperBody) {

    /** Whether and how the event is a CloudEvent. */
    public enum CloudEventsMode { NONE, BINARY, STRUCTURED }

    /** Which secret signs a delivery. */
    public enum SigningKey {
        /** The current (new) secret. */
        CURRENT,
        /** The previous (old) secret, as a sender does before it switches during a rotation. */
        PREVIOUS,
        /** Both, as Standard Webhooks and Stripe senders do during a rotation (one signature each). */
        BOTH,
        /** A secret the receiver has never seen. */
        UNKNOWN
    }

    public PortalDelivery {
        Objects.requireNonNull(cloudEvents, "cloudEvents");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(timestampOffset, "timestampOffset");
    }

    /** A plain, fresh, untampered delivery signed with the current secret. */
    public static PortalDelivery normal() {
        return new PortalDelivery(CloudEventsMode.NONE, SigningKey.CURRENT, Duration.ZERO, false);
    }

    public PortalDelivery as(CloudEventsMode mode) {
        return new PortalDelivery(mode, key, timestampOffset, tamperBody);
    }

    public PortalDelivery signedWith(SigningKey signingKey) {
        return new PortalDelivery(cloudEvents, signingKey, timestampOffset, tamperBody);
    }

    /** Signs with a timestamp {@code age} in the past. */
    public PortalDelivery stale(Duration age) {
        return new PortalDelivery(cloudEvents, key, age.negated(), tamperBody);
    }

    public PortalDelivery tampered() {
        return new PortalDelivery(cloudEvents, key, timestampOffset, true);
    }
}
