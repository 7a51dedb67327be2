package io.aihub.routes.component.publish;

import io.aihub.routes.component.ExchangeKeys;
import io.aihub.routes.flow.PageDelivery;
import java.util.Map;
import io.aihub.routes.flow.ScoredPage;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Publishes the scored page in the body: its prediction events and dead letters in one broker transaction
 * ({@link PageDelivery}). Declares the route's addresses and subscriber queues when it starts.
 */
final class AihubPublishProducer extends DefaultProducer {

    private final AihubPublishEndpoint endpoint;
    private PageDelivery delivery;

    AihubPublishProducer(AihubPublishEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        delivery = new PageDelivery(endpoint.runtime(), endpoint.getRouteId(), endpoint.subscriberList());
    }

    @Override
    protected void doStop() throws Exception {
        if (delivery != null) {
            delivery.close();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, String> replays = exchange.getMessage().getHeader(ExchangeKeys.REPLAYS, Map.of(), Map.class);
        delivery.deliver(exchange.getMessage().getMandatoryBody(ScoredPage.class), replays);
    }
}
