package io.aihub.routes.component.bi;

import io.aihub.routes.drift.RouteDriftMonitor;
import io.aihub.routes.flow.ScoredPage;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** {@code aihub-bi:drift}: feeds each published page to the route's drift monitor; the body passes through. */
final class BiDriftProducer extends DefaultProducer {

    private final RouteDriftMonitor monitor;

    BiDriftProducer(AihubBiEndpoint endpoint, RouteDriftMonitor monitor) {
        super(endpoint);
        this.monitor = monitor;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        monitor.observe(exchange.getMessage().getMandatoryBody(ScoredPage.class));
    }
}
