package io.aihub.routes.observe;

import io.aihub.api.envelope.InstantText;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.routes.progress.HubCounters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The hub's meters in its Prometheus registry, which exists before Camel starts, so that nothing a route does
 * before the management server is up goes uncounted. Camel's {@code /observe/metrics} serves this registry
 * ({@code HubApplication} binds it under {@value #CAMEL_REGISTRY_NAME} before Camel would create its own).
 *
 * <p>Besides the counters of {@link HubMetrics}, it records what needs a tag only known per record: dead
 * letters by step and reason code, the end-to-end latency of each published event, and the model latency per
 * model and version. Tags carry route ids, model names and versions, steps and reason codes only, never a
 * record id or a field value. Thread-safe.
 */
public final class HubMeters {

    /** The name Camel's micrometer-prometheus support looks up before creating a registry of its own. */
    public static final String CAMEL_REGISTRY_NAME = "metricsRegistry";

    private static final Duration LATENCY_MIN = Duration.ofMillis(1);
    private static final Duration E2E_MAX = Duration.ofDays(7);
    private static final Duration MODEL_MAX = Duration.ofMinutes(2);

    private final PrometheusMeterRegistry registry;
    private final Clock clock;

    /**
     * Meters in {@code registry}, with the route counters of {@code counters} bound now and for routes that
     * appear later.
     */
    public HubMeters(PrometheusMeterRegistry registry, HubCounters counters, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        HubMetrics.bind(registry, counters, clock);
    }

    /** A new, empty registry for {@link #HubMeters}. */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text the metrics endpoint serves (for tests and tools without HTTP). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Counts dead letters the broker accepted, by route, failed step and reason code
     * ({@code aihub_dead_letters_total}).
     */
    public void deadLettered(String routeId, String step, String reasonCode, long count) {
        if (count <= 0) {
            return;
        }
        Counter.builder("aihub.dead.letters").description("dead letters accepted by the broker, by step and reason")
                .tag("route", routeId).tag("step", stepTag(step)).tag("reason", reasonCode)
                .register(registry).increment(count);
    }

    /**
     * Records the end-to-end latency of events the broker newly accepted: from the source record's modification
     * time to now ({@code aihub_end_to_end_latency_seconds}). Events without a (readable ISO-8601) modification
     * time are not recorded; a modification time in the future counts as zero.
     */
    public void published(String routeId, List<PredictionEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Timer timer = Timer.builder("aihub.end.to.end.latency")
                .description("source record modification time to prediction published, per published event")
                .tag("route", routeId).publishPercentileHistogram().minimumExpectedValue(LATENCY_MIN)
                .maximumExpectedValue(E2E_MAX).register(registry);
        Instant now = clock.instant();
        for (PredictionEvent event : events) {
            Instant modified = instant(event.data().source().modifiedAt());
            if (modified != null) {
                Duration age = Duration.between(modified, now);
                timer.record(age.isNegative() ? Duration.ZERO : age);
            }
        }
    }

    /**
     * Records the model time of the call that scored {@code records} records, once per record
     * ({@code aihub_model_latency_seconds}), so the histogram's count is the number of records the model version
     * scored.
     */
    public void modelLatency(String model, String version, long latencyMs, int records) {
        if (records <= 0) {
            return;
        }
        Timer timer = Timer.builder("aihub.model.latency")
                .description("model time of the call that scored each record, one observation per record")
                .tag("model", model).tag("version", version).publishPercentileHistogram()
                .minimumExpectedValue(LATENCY_MIN).maximumExpectedValue(MODEL_MAX).register(registry);
        Duration latency = Duration.ofMillis(Math.max(0, latencyMs));
        for (int i = 0; i < records; i++) {
            timer.record(latency);
        }
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return InstantText.parse(iso);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code receive:<subscriber>} steps keep their subscriber: it is configuration, not data. */
    private static String stepTag(String step) {
        return step == null || step.isBlank() ? "unknown" : step;
    }
}
