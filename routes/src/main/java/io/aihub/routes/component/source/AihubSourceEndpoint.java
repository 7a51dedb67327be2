package io.aihub.routes.component.source;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A source connector instance polled for one route. Consumer only. */
public final class AihubSourceEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String connector;
    private String routeId;
    private long idleDelay = 5_000;
    private long maxBackoff = 60_000;

    AihubSourceEndpoint(String uri, AihubSourceComponent component, HubRuntime runtime, String connector) {
        super(uri, component);
        this.runtime = runtime;
        this.connector = connector;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("aihub-source is a consumer only: use it in from()");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (routeId == null) {
            throw new IllegalArgumentException("aihub-source:" + connector + " needs the option routeId");
        }
        Addresses.checked("route id", routeId);
        AihubSourceConsumer consumer = new AihubSourceConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    HubRuntime runtime() {
        return runtime;
    }

    public String getConnector() {
        return connector;
    }

    public String getRouteId() {
        return routeId;
    }

    /** The route the polled pages belong to; positions are stored per route and connector. */
    public void setRouteId(String routeId) {
        this.routeId = routeId;
    }

    public long getIdleDelay() {
        return idleDelay;
    }

    /** Milliseconds to wait before polling again once the source has nothing new. */
    public void setIdleDelay(long idleDelay) {
        this.idleDelay = idleDelay;
    }

    public long getMaxBackoff() {
        return maxBackoff;
    }

    /** Upper bound in milliseconds of the exponential back-off after a failed page. */
    public void setMaxBackoff(long maxBackoff) {
        this.maxBackoff = maxBackoff;
    }
}
