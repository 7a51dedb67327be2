package io.aihub.routes.component.subscribe;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/** {@code aihub-subscribe:<route-id>/<subscriber>?batchSize=200&batchWait=500}: body {@code List<PredictionEvent>}. */
public final class AihubSubscribeComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubSubscribeComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        int slash = remaining.indexOf('/');
        if (slash <= 0 || slash == remaining.length() - 1) {
            throw new IllegalArgumentException("aihub-subscribe needs <route-id>/<subscriber>, got '" + remaining + "'");
        }
        AihubSubscribeEndpoint endpoint = new AihubSubscribeEndpoint(uri, this, runtime,
                remaining.substring(0, slash), remaining.substring(slash + 1));
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
