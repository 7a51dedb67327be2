package io.aihub.routes.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.error.RetriableException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A connector is DOWN from its first failed call until a call succeeds, with the code of the last failure. */
class ConnectorHealthTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T08:00:00Z"));
    private final ConnectorHealth health = new ConnectorHealth(new Clock() {
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
            return now.get();
        }
    });

    @Test
    void shouldReportTheFirstFailureTimeAndTheLastCodeUntilACallSucceeds() {
        assertThat(health.status("crm")).isEmpty();
        health.succeeded("crm");
        Instant ok = now.get();
        now.set(ok.plusSeconds(10));
        health.failed("crm", new RetriableException("SF_UNAVAILABLE", "503 from https://example"));
        now.set(ok.plusSeconds(20));
        health.failed("crm", new IllegalStateException("boom"));
        var down = health.status("crm").orElseThrow();
        assertThat(down.up()).isFalse();
        assertThat(down.failingCode()).isEqualTo("IllegalStateException");
        assertThat(down.failingSince()).isEqualTo(ok.plusSeconds(10));
        assertThat(down.lastSuccess()).isEqualTo(ok);

        now.set(ok.plusSeconds(30));
        health.succeeded("crm");
        var up = health.status("crm").orElseThrow();
        assertThat(up.up()).isTrue();
        assertThat(up.failingSince()).isNull();
        assertThat(up.lastSuccess()).isEqualTo(ok.plusSeconds(30));
    }
}
