package io.aihub.routes.component.events;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-events:<webhook connector>?routeId=&model=&subscribers=}: scores pushed events. */
public final class AihubEventsComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubEventsComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AihubEventsEndpoint endpoint = new AihubEventsEndpoint(uri, this, runtime, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
