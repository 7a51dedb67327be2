package io.aihub.routes.component.bi;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-bi:predictions}: body {@code List<PredictionEvent>}, upserted on event id. */
public final class AihubBiComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubBiComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!"predictions".equals(remaining)) {
            throw new IllegalArgumentException("aihub-bi knows the table 'predictions', not '" + remaining + "'");
        }
        AihubBiEndpoint endpoint = new AihubBiEndpoint(uri, this, runtime);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
