package io.aihub.routes.flow;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.source.RejectedRecord;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.observe.HubMeters;
import io.aihub.routes.observe.LogContext;
import io.aihub.routes.progress.RouteCounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a scored page to the broker: one envelope per scored record and one dead letter per failed record
 * and per record the source rejected as unreadable ({@link io.aihub.api.source.SourcePage#rejected()}, step
 * {@value DeadLetter#STEP_READ}), all in one JMS transaction ({@link PagePublisher}), then counts them. Thread-safe only with one caller at a
 * time, like the publisher it owns.
 */
public final class PageDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PageDelivery.class);

    private final HubRuntime runtime;
    private final String routeId;
    private final EnvelopeFactory envelopes;
    private final PagePublisher publisher;

    /** Declares the route's addresses and queues and opens the publisher. */
    public PageDelivery(HubRuntime runtime, String routeId, List<String> subscribers) throws Exception {
        this.runtime = runtime;
        this.routeId = routeId;
        runtime.declareRoute(routeId, subscribers);
        this.envelopes = new EnvelopeFactory(routeId, runtime.hubVersion(), Clock.systemUTC(),
                runtime.settings().sensitiveFieldsOf(routeId));
        this.publisher = new PagePublisher(runtime.connectionFactory(), routeId, runtime.codec(), runtime.brokerLink());
    }

    /** Publishes the page in one transaction and counts it; throws when the broker did not take it. */
    public PagePublisher.Result deliver(ScoredPage page) {
        return deliver(page, Map.of());
    }

    /**
     * Publishes the page in one transaction and counts it.
     *
     * @param replays {@code <record id>@<version>} → replay id, for records sent back by a replay
     */
    public PagePublisher.Result deliver(ScoredPage page, Map<String, String> replays) {
        List<PredictionEvent> events = new ArrayList<>(page.scored().size());
        List<DeadLetter> letters = new ArrayList<>(page.failed().size() + page.page().rejected().size());
        for (ScoredRecord scored : page.scored()) {
            String connectorType = runtime.connectorType(scored.record().system());
            events.add(envelopes.envelope(scored, page.model(), connectorType));
        }
        for (FailedRecord failed : page.failed()) {
            letters.add(DeadLetter.of(routeId, failed, replays.get(ReplayReader.key(failed.record()))));
        }
        for (RejectedRecord rejected : page.page().rejected()) {
            letters.add(DeadLetter.ofRejected(routeId, rejected));
        }
        PagePublisher.Result result = publisher.publish(events, letters);
        RouteCounters counters = runtime.counters().route(routeId);
        counters.scored.add(page.scored().size());
        counters.fallbacks.add(page.scored().stream().filter(r -> r.fallback() != null).count());
        counters.published.add(result.published());
        counters.deadLettered.add(result.deadLetters());
        counters.duplicates.add(result.duplicates());
        measure(page, result);
        return result;
    }

    /**
     * Records the page in the histograms and the dead letters by reason: model latency once per record the
     * model scored (not fallbacks), end-to-end latency and dead letters for what the broker newly accepted.
     */
    private void measure(ScoredPage page, PagePublisher.Result result) {
        HubMeters meters = runtime.meters();
        Map<String, Integer> byVersion = new LinkedHashMap<>();
        Map<String, Long> latencyByVersion = new LinkedHashMap<>();
        for (ScoredRecord scored : page.scored()) {
            if (scored.fallback() != null) {
                continue;
            }
            String version = (scored.model() != null ? scored.model() : page.model()).version();
            byVersion.merge(version, 1, Integer::sum);
            latencyByVersion.put(version, scored.latencyMs());
        }
        String model = page.model().name();
        byVersion.forEach((version, n) -> meters.modelLatency(model, version, latencyByVersion.get(version), n));
        meters.published(routeId, result.newEvents());
        for (DeadLetter letter : result.newLetters()) {
            meters.deadLettered(routeId, letter.step(), letter.error().code(), 1);
            try (var scope = LogContext.record(letter.recordId(), null)) {
                LOG.debug("route {}: record dead-lettered at step {} ({})", routeId, letter.step(),
                        letter.error().code());
            }
        }
        if (!result.newLetters().isEmpty()) {
            LOG.info("AIHUB-ROUTE-0001 route {}: {} record(s) dead-lettered on {}", routeId,
                    result.newLetters().size(), Addresses.deadLetter(routeId));
        }
    }

    @Override
    public void close() {
        publisher.close();
    }
}
