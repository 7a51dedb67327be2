package io.aihub.routes.observe;

import io.aihub.api.error.AihubException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How each connector instance's last call to its system went, as the source poll loops and sinks report it.
 * The {@code connector-<name>} health checks read it: a connector whose last call failed is DOWN, with the
 * error code and the time the failures began, until a call succeeds again. Thread-safe.
 */
public final class ConnectorHealth {

    /**
     * One connector's state.
     *
     * @param failingCode  the error code of the last call, or null when it succeeded
     * @param failingSince when the current run of failures began, or null
     * @param lastSuccess  when a call last succeeded, or null before any did
     */
    public record Status(String failingCode, Instant failingSince, Instant lastSuccess) {

        public boolean up() {
            return failingCode == null;
        }
    }

    private final Map<String, Status> connectors = new ConcurrentHashMap<>();
    private final Clock clock;

    public ConnectorHealth(Clock clock) {
        this.clock = clock;
    }

    /** Notes a call to the connector's system that succeeded. */
    public void succeeded(String connector) {
        connectors.put(connector, new Status(null, null, clock.instant()));
    }

    /** Notes a call that failed; only the error's code is kept (its message may name records). */
    public void failed(String connector, Throwable error) {
        String code = error instanceof AihubException ae ? ae.code() : error.getClass().getSimpleName();
        connectors.compute(connector, (name, previous) -> {
            Instant lastSuccess = previous == null ? null : previous.lastSuccess();
            Instant since = previous != null && !previous.up() ? previous.failingSince() : clock.instant();
            return new Status(code, since, lastSuccess);
        });
    }

    /** The connector's state; empty before its first call. */
    public Optional<Status> status(String connector) {
        return Optional.ofNullable(connectors.get(connector));
    }
}
