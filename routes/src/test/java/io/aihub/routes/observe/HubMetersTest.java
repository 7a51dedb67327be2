package io.aihub.routes.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.aihub.api.envelope.PredictionBlock;
import io.aihub.api.envelope.PredictionData;
import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.envelope.RouteBlock;
import io.aihub.api.envelope.SourceBlock;
import io.aihub.routes.progress.HubCounters;
import io.aihub.routes.progress.RouteCounters;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hub's own meters: names, tags and what one observation stands for. */
class HubMetersTest {

    private static final Instant NOW = Instant.parse("2026-12-02T08:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final HubCounters counters = new HubCounters();
    private final HubMeters meters = new HubMeters(HubMeters.newRegistry(), counters, clock);

    @Test
    void endToEndLatencyIsObservedOncePerEventFromItsModificationTime() {
        meters.published("r", List.of(event("a", "2026-12-02T07:59:55Z"), event("b", "2026-12-02T07:59:58Z"),
                event("c", "2026-12-02T08:00:03Z"), event("d", null), event("e", "not a time")));
        var timer = meters.registry().get("aihub.end.to.end.latency").tag("route", "r").timer();
        assertThat(timer.count()).as("events with a readable modification time").isEqualTo(3);
        assertThat(timer.totalTime(TimeUnit.SECONDS)).as("5 s + 2 s + a future time counted as 0")
                .isCloseTo(7.0, within(1e-9));
        assertThat(meters.scrape()).contains("aihub_end_to_end_latency_seconds_count{route=\"r\"} 3");
    }

    @Test
    void modelLatencyCountsOneObservationPerRecord() {
        meters.modelLatency("churn", "1.0.0", 40, 200);
        meters.modelLatency("churn", "1.1.0", 10, 3);
        var champion = meters.registry().get("aihub.model.latency").tags("model", "churn", "version", "1.0.0").timer();
        assertThat(champion.count()).isEqualTo(200);
        assertThat(champion.mean(TimeUnit.MILLISECONDS)).isCloseTo(40.0, within(1e-9));
        assertThat(meters.registry().get("aihub.model.latency").tag("version", "1.1.0").timer().count()).isEqualTo(3);
    }

    @Test
    void deadLettersAreCountedByRouteStepAndReason() {
        meters.deadLettered("r", "map", "MAPPING_MISSING_FIELD", 2);
        meters.deadLettered("r", "map", "MAPPING_MISSING_FIELD", 1);
        meters.deadLettered("r", "write-back", "FIELD_CUSTOM_VALIDATION_EXCEPTION", 1);
        meters.deadLettered("r", "score", "MODEL_BAD_OUTPUT", 0);
        assertThat(meters.scrape())
                .contains("aihub_dead_letters_total{reason=\"MAPPING_MISSING_FIELD\",route=\"r\",step=\"map\"} 3")
                .contains("aihub_dead_letters_total{reason=\"FIELD_CUSTOM_VALIDATION_EXCEPTION\",route=\"r\","
                        + "step=\"write-back\"} 1")
                .doesNotContain("MODEL_BAD_OUTPUT");
    }

    @Test
    void watermarkLagIsUnknownBeforeTheFirstPageThenAgeUntilCaughtUp() {
        RouteCounters route = counters.route("r");
        assertThat(HubMetrics.watermarkLag(route, clock)).isNaN();
        route.committed(NOW.minusSeconds(90));
        assertThat(HubMetrics.watermarkLag(route, clock)).isEqualTo(90.0);
        route.committed(NOW.minusSeconds(300));
        assertThat(HubMetrics.watermarkLag(route, clock)).as("the watermark never moves back").isEqualTo(90.0);
        route.caughtUp = true;
        assertThat(HubMetrics.watermarkLag(route, clock)).isZero();
        assertThat(meters.scrape()).contains("aihub_source_watermark_lag_seconds{route=\"r\"} 0.0")
                .contains("aihub_records_pulled_total{route=\"r\"} 0.0");
    }

    @Test
    void everyHubSeriesIsNamedAihub() {
        counters.route("r");
        meters.published("r", List.of(event("a", "2026-12-02T07:59:55Z")));
        meters.modelLatency("churn", "1.0.0", 1, 1);
        meters.deadLettered("r", "map", "X", 1);
        assertThat(meters.registry().getMeters()).allSatisfy(m -> assertThat(m.getId().getName()).startsWith("aihub."));
        assertThat(meters.scrape().lines().filter(l -> !l.startsWith("#"))).allSatisfy(l -> assertThat(l)
                .startsWith("aihub_"));
    }

    private static PredictionEvent event(String id, String modifiedAt) {
        return PredictionEvent.of(new PredictionData(
                new SourceBlock("crm", "salesforce", "Account", id, "v1", modifiedAt), Map.of("f", 1),
                new PredictionBlock("churn", "1.0.0", "onnx", "no", 0.1, Map.of("yes", 0.1, "no", 0.9), 1,
                        "0".repeat(64), null, List.of(), null),
                new RouteBlock("r", "dev")), NOW);
    }
}
