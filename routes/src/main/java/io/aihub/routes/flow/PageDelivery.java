package io.aihub.routes.flow;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.api.source.RejectedRecord;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.progress.RouteCounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers a scored page to the broker: one envelope per scored record and one dead letter per failed record
 * and per record the source rejected as unreadable ({@link io.aihub.api.source.SourcePage#rejected()}, step
 * {@value DeadLetter#STEP_READ}), all in one JMS transaction ({@link PagePublisher}), then counts them. Thread-safe only with one caller at a
 * time, like the publisher it owns.
 */
public final class PageDelivery implements AutoCloseable {

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
        return result;
    }

    @Override
    public void close() {
        publisher.close();
    }
}
