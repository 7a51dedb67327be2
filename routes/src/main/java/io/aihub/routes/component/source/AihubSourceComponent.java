package io.aihub.routes.component.source;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-source:<connector-instance>?routeId=...&idleDelay=5000&maxBackoff=60000}. */
public final class AihubSourceComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubSourceComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AihubSourceEndpoint endpoint = new AihubSourceEndpoint(uri, this, runtime, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
