package io.aihub.routes.component.model;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-model:<model>}: body {@code SourcePage} in, {@code ScoredPage} out. */
public final class AihubModelComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubModelComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AihubModelEndpoint endpoint = new AihubModelEndpoint(uri, this, runtime, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
