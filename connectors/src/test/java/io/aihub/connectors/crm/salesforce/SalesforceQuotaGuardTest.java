package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.RetriableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SalesforceQuotaGuardTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
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

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    private final ManualClock clock = new ManualClock();

    private static Optional<SalesforceApiUsage> usage(long used, long limit) {
        return Optional.of(new SalesforceApiUsage(used, limit));
    }

    @Test
    void shouldLetCallsThroughWhileTheReserveIsUntouchedOrUsageUnknown() {
        SalesforceQuotaGuard guard = new SalesforceQuotaGuard("crm", 10, clock);

        assertThatCode(() -> {
            guard.beforeCall(Optional.empty());
            guard.beforeCall(usage(0, 1000));
            guard.beforeCall(usage(900, 1000));
        }).doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseRetriablyOnceFewerCallsThanTheReserveRemainNamingTheInstance() {
        SalesforceQuotaGuard guard = new SalesforceQuotaGuard("crm", 10, clock);

        assertThatThrownBy(() -> guard.beforeCall(usage(901, 1000)))
                .isInstanceOfSatisfying(RetriableException.class, e -> {
                    assertThat(e.code()).isEqualTo("SALESFORCE_QUOTA_RESERVE");
                    assertThat(e.getMessage()).contains("connector 'crm'", "99 of the org's 1000", "10%");
                });
    }

    @Test
    void shouldLetOneCallThroughPerRecheckIntervalToLearnWhetherRequestsWereFreed() {
        SalesforceQuotaGuard guard = new SalesforceQuotaGuard("crm", 10, clock);
        Optional<SalesforceApiUsage> low = usage(950, 1000);
        assertThatThrownBy(() -> guard.beforeCall(low)).isInstanceOf(RetriableException.class);

        clock.advance(SalesforceQuotaGuard.RECHECK_INTERVAL.minusSeconds(1));
        assertThatThrownBy(() -> guard.beforeCall(low)).isInstanceOf(RetriableException.class);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> guard.beforeCall(low)).as("the probe").doesNotThrowAnyException();
        assertThatThrownBy(() -> guard.beforeCall(low)).as("still low after the probe")
                .isInstanceOf(RetriableException.class);
        assertThatCode(() -> guard.beforeCall(usage(10, 1000))).as("the window rolled")
                .doesNotThrowAnyException();
    }

    @Test
    void shouldNeverRefuseWithAReserveOfZero() {
        SalesforceQuotaGuard guard = new SalesforceQuotaGuard("crm", 0, clock);

        assertThatCode(() -> guard.beforeCall(usage(1000, 1000))).doesNotThrowAnyException();
    }
}
