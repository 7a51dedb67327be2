package io.aihub.routes.observe;

import io.aihub.api.quota.ApiQuota;
import io.aihub.api.quota.QuotaReporter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The request quotas the hub's connector tasks know ({@link QuotaReporter}), per connector instance, as the
 * gauges {@code aihub_connector_api_requests_remaining} and {@code aihub_connector_api_requests_limit}
 * (NaN until the system first reported its quota). When several tasks of one connector know the quota (the
 * source and the sink of the same org), the one that counted the most requests wins: quotas only grow within
 * their window, so that is the most recent. Thread-safe.
 */
public final class ConnectorQuotas {

    private final MeterRegistry registry;
    private final Map<String, List<QuotaReporter>> reporters = new ConcurrentHashMap<>();

    public ConnectorQuotas(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Watches a task of a connector instance if it reports a quota; other tasks are ignored. */
    public void watch(String connector, Object task) {
        if (!(task instanceof QuotaReporter reporter)) {
            return;
        }
        reporters.computeIfAbsent(connector, name -> {
            Gauge.builder("aihub.connector.api.requests.remaining", () -> quota(name).map(q -> (double) q.remaining())
                    .orElse(Double.NaN)).description("API requests the system says are left in its quota window")
                    .tag("connector", name).register(registry);
            Gauge.builder("aihub.connector.api.requests.limit", () -> quota(name).map(q -> (double) q.limit())
                    .orElse(Double.NaN)).description("the system's API request limit per quota window")
                    .tag("connector", name).register(registry);
            return new CopyOnWriteArrayList<>();
        }).add(reporter);
    }

    /** The connector's quota as last reported; empty when none of its tasks knows it yet. */
    public Optional<ApiQuota> quota(String connector) {
        ApiQuota best = null;
        for (QuotaReporter reporter : reporters.getOrDefault(connector, List.of())) {
            Optional<ApiQuota> quota = reporter.apiQuota();
            if (quota.isPresent() && (best == null || quota.get().used() > best.used())) {
                best = quota.get();
            }
        }
        return Optional.ofNullable(best);
    }
}
