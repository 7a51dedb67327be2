package io.aihub.connectors.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryDeliveryDeduplicatorTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void shouldKnowARecordedKeyUntilItsWindowEnds() {
        InMemoryDeliveryDeduplicator dedup = new InMemoryDeliveryDeduplicator(10, Duration.ofMinutes(5), clock);

        assertThat(dedup.alreadyAccepted("msg_1")).isFalse();
        dedup.recordAccepted("msg_1");
        assertThat(dedup.alreadyAccepted("msg_1")).isTrue();
        assertThat(dedup.alreadyAccepted("msg_2")).isFalse();

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(dedup.alreadyAccepted("msg_1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(dedup.alreadyAccepted("msg_1")).isFalse();
        assertThat(dedup.size()).isZero();
    }

    @Test
    void shouldNotRememberAKeyThatWasOnlyAskedAbout() {
        InMemoryDeliveryDeduplicator dedup = new InMemoryDeliveryDeduplicator(10, Duration.ofMinutes(5), clock);

        assertThat(dedup.alreadyAccepted("msg_1")).isFalse();
        assertThat(dedup.alreadyAccepted("msg_1")).as("a publish that failed must not count").isFalse();
    }

    @Test
    void shouldRestartTheWindowWhenAKeyIsRecordedAgain() {
        InMemoryDeliveryDeduplicator dedup = new InMemoryDeliveryDeduplicator(10, Duration.ofMinutes(5), clock);
        dedup.recordAccepted("a");
        clock.advance(Duration.ofMinutes(4));
        dedup.recordAccepted("b");
        dedup.recordAccepted("a");
        clock.advance(Duration.ofMinutes(2));

        assertThat(dedup.alreadyAccepted("a")).isTrue();
        assertThat(dedup.alreadyAccepted("b")).isTrue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(dedup.alreadyAccepted("a")).isFalse();
        assertThat(dedup.alreadyAccepted("b")).isFalse();
    }

    @Test
    void shouldForgetTheOldestKeysBeyondItsBound() {
        InMemoryDeliveryDeduplicator dedup = new InMemoryDeliveryDeduplicator(3, Duration.ofHours(1), clock);
        for (String key : new String[] {"a", "b", "c", "d"}) {
            dedup.recordAccepted(key);
            clock.advance(Duration.ofSeconds(1));
        }

        assertThat(dedup.size()).isEqualTo(3);
        assertThat(dedup.alreadyAccepted("a")).isFalse();
        assertThat(dedup.alreadyAccepted("b")).isTrue();
        assertThat(dedup.alreadyAccepted("d")).isTrue();
    }

    @Test
    void shouldRefuseNonsensicalBounds() {
        assertThatThrownBy(() -> new InMemoryDeliveryDeduplicator(0, Duration.ofMinutes(1), clock))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InMemoryDeliveryDeduplicator(1, Duration.ZERO, clock))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
