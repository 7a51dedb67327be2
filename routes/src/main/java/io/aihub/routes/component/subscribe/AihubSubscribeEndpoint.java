package io.aihub.routes.component.subscribe;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One subscriber queue of a route. Consumer only. */
public final class AihubSubscribeEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String routeId;
    private final String subscriber;
    private int batchSize = 200;
    private long batchWait = 500;

    AihubSubscribeEndpoint(String uri, AihubSubscribeComponent component, HubRuntime runtime, String routeId,
            String subscriber) {
        super(uri, component);
        this.runtime = runtime;
        this.routeId = Addresses.checked("route id", routeId);
        this.subscriber = Addresses.checked("subscriber", subscriber);
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("aihub-subscribe is a consumer only: use it in from()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000");
        }
        AihubSubscribeConsumer consumer = new AihubSubscribeConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    HubRuntime runtime() {
        return runtime;
    }

    public String getRouteId() {
        return routeId;
    }

    public String getSubscriber() {
        return subscriber;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** Most messages handed to the route in one exchange and acknowledged in one transaction. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBatchWait() {
        return batchWait;
    }

    /** Milliseconds to wait for a batch to fill once its first message arrived. */
    public void setBatchWait(long batchWait) {
        this.batchWait = batchWait;
    }
}
