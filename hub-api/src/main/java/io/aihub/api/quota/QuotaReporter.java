package io.aihub.api.quota;

import java.util.Optional;

/**
 * Implemented by a source or sink task that learns its system's request quota from responses. The hub reads
 * it for the {@code aihub_connector_api_requests_remaining} metric; a task that knows no quota does not
 * implement it. May be called from any thread; must not block or call the system.
 */
public interface QuotaReporter {

    /** The quota from the last response that reported one; empty before any did. */
    Optional<ApiQuota> apiQuota();
}
