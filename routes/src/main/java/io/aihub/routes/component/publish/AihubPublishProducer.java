package io.aihub.routes.component.publish;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.routes.flow.DeadLetter;
import io.aihub.routes.flow.EnvelopeFactory;
import io.aihub.routes.flow.FailedRecord;
import io.aihub.routes.flow.PagePublisher;
import io.aihub.routes.flow.ScoredPage;
import io.aihub.routes.flow.ScoredRecord;
import io.aihub.routes.progress.RouteCounters;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Builds one envelope per scored record and publishes the page, with its dead letters, in one transaction. */
final class AihubPublishProducer extends DefaultProducer {

    private final AihubPublishEndpoint endpoint;
    private PagePublisher publisher;
    private EnvelopeFactory envelopes;

    AihubPublishProducer(AihubPublishEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        endpoint.runtime().declareRoute(endpoint.getRouteId(), endpoint.subscriberList());
        envelopes = new EnvelopeFactory(endpoint.getRouteId(), endpoint.runtime().hubVersion(), Clock.systemUTC());
        publisher = new PagePublisher(endpoint.runtime().connectionFactory(), endpoint.getRouteId(),
                endpoint.runtime().codec());
    }

    @Override
    protected void doStop() throws Exception {
        if (publisher != null) {
            publisher.close();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        ScoredPage page = exchange.getMessage().getMandatoryBody(ScoredPage.class);
        String routeId = endpoint.getRouteId();
        List<PredictionEvent> events = new ArrayList<>(page.scored().size());
        List<DeadLetter> letters = new ArrayList<>(page.failed().size());
        for (ScoredRecord scored : page.scored()) {
            String connectorType = endpoint.runtime().connectorType(scored.record().system());
            events.add(envelopes.envelope(scored, page.model(), connectorType));
        }
        for (FailedRecord failed : page.failed()) {
            letters.add(DeadLetter.of(routeId, failed));
        }
        PagePublisher.Result result = publisher.publish(events, letters);
        RouteCounters counters = endpoint.runtime().counters().route(routeId);
        counters.scored.add(page.scored().size());
        counters.published.add(result.published());
        counters.deadLettered.add(result.deadLetters());
        counters.duplicates.add(result.duplicates());
    }
}
