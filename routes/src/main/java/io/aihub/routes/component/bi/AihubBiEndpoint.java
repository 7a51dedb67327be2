package io.aihub.routes.component.bi;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.component.ExchangeKeys;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/** The BI predictions table. Producer only. */
public final class AihubBiEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;

    AihubBiEndpoint(String uri, AihubBiComponent component, HubRuntime runtime) {
        super(uri, component);
        this.runtime = runtime;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                @SuppressWarnings("unchecked")
                List<PredictionEvent> events = exchange.getMessage().getMandatoryBody(List.class);
                int inserted = runtime.predictions().upsert(events);
                String routeId = exchange.getMessage().getHeader(ExchangeKeys.ROUTE_ID, String.class);
                if (routeId != null) {
                    runtime.counters().route(routeId).biRows.add(inserted);
                }
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("aihub-bi is a producer only: use it in to()");
    }
}
