package io.aihub.connectors.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void shouldAllowTheBurstThenAskToRetryAfterTheRefill() {
        ClientRateLimiter limiter = new ClientRateLimiter(2, 3, 100, clock);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).as("4th request at once").isEqualTo(1);
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.acquire("a")).as("one token refilled after 0.5 s at 2/s").isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
    }

    @Test
    void shouldKeepClientsApart() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1, 100, clock);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isPositive();
        assertThat(limiter.acquire("b")).as("another client").isZero();
    }

    @Test
    void shouldRoundTheWaitUpToWholeSeconds() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1, 100, clock);
        limiter.acquire("a");
        clock.advance(Duration.ofMillis(100));
        assertThat(limiter.acquire("a")).as("0.9 s to go").isEqualTo(1);
    }

    @Test
    void shouldForgetTheLeastRecentlySeenClientBeyondTheBound() {
        ClientRateLimiter limiter = new ClientRateLimiter(1, 1, 2, clock);
        limiter.acquire("a");
        limiter.acquire("b");
        limiter.acquire("c");
        assertThat(limiter.clients()).isEqualTo(2);
        assertThat(limiter.acquire("a")).as("forgotten, so a full bucket again").isZero();
    }

    @Test
    void shouldLetEverythingThroughWhenOff() {
        ClientRateLimiter limiter = new ClientRateLimiter(0, 1, 1, clock);
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
        assertThat(limiter.enabled()).isFalse();
    }

    @Test
    void shouldRefuseNonsensicalSettings() {
        assertThatThrownBy(() -> new ClientRateLimiter(-1, 1, 1, clock)).hasMessageContaining("ratePerSecond");
        assertThatThrownBy(() -> new ClientRateLimiter(1, 0, 1, clock)).hasMessageContaining("burst");
        assertThatThrownBy(() -> new ClientRateLimiter(1, 1, 0, clock)).hasMessageContaining("maxClients");
    }
}
