package io.aihub.routes.component.publish;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-publish:<route-id>?subscribers=bi,write-back,...}: body {@code ScoredPage}. */
public final class AihubPublishComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubPublishComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        AihubPublishEndpoint endpoint = new AihubPublishEndpoint(uri, this, runtime, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
