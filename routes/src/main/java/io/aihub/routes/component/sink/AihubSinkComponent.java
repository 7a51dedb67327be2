package io.aihub.routes.component.sink;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-sink:<connector-instance>?fields=<field>=<value>,...}: body {@code List<PredictionEvent>}. */
public final class AihubSinkComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubSinkComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AihubSinkEndpoint endpoint = new AihubSinkEndpoint(uri, this, runtime, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
