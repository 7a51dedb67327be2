package io.aihub.routes.component.publish;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.broker.Addresses;
import java.util.Arrays;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** The predictions address of one route and the subscriber queues declared on it. Producer only. */
public final class AihubPublishEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String routeId;
    private String subscribers = "";

    AihubPublishEndpoint(String uri, AihubPublishComponent component, HubRuntime runtime, String routeId) {
        super(uri, component);
        this.runtime = runtime;
        this.routeId = Addresses.checked("route id", routeId);
    }

    @Override
    public Producer createProducer() {
        return new AihubPublishProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("aihub-publish is a producer only: use it in to()");
    }

    HubRuntime runtime() {
        return runtime;
    }

    public String getRouteId() {
        return routeId;
    }

    public String getSubscribers() {
        return subscribers;
    }

    /**
     * Comma-separated subscriber names; each gets its own durable queue on the route's address before the
     * first message is published, so no subscriber misses a message.
     */
    public void setSubscribers(String subscribers) {
        this.subscribers = subscribers == null ? "" : subscribers;
    }

    List<String> subscriberList() {
        return Arrays.stream(subscribers.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> Addresses.checked("subscriber", s)).distinct().toList();
    }
}
