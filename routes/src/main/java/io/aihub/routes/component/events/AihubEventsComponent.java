package io.aihub.routes.component.events;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.flow.EventBatcher;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-events:<webhook connector>?routeId=&model=&subscribers=}: scores pushed events. */
public final class AihubEventsComponent extends DefaultComponent {

    private final HubRuntime runtime;
    /** Each route's batcher while its producer runs, so that the route's consumer can close the intake. */
    private final Map<String, EventBatcher> batchers = new ConcurrentHashMap<>();

    public AihubEventsComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AihubEventsEndpoint endpoint = new AihubEventsEndpoint(uri, this, runtime, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    void batcherStarted(String routeId, EventBatcher batcher) {
        batchers.put(routeId, batcher);
    }

    void batcherStopped(String routeId, EventBatcher batcher) {
        batchers.remove(routeId, batcher);
    }

    /**
     * The route's consumer stopped taking requests: the events still waiting in its batcher are answered 503 with
     * Retry-After now, so that the route's shutdown does not wait for a linger nor a long queue (Camel waits for
     * in-flight exchanges before it stops the producer).
     */
    void intakeClosed(String routeId) {
        EventBatcher batcher = batchers.get(routeId);
        if (batcher != null) {
            batcher.refuseQueued();
        }
    }
}
