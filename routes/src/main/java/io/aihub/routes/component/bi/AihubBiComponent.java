package io.aihub.routes.component.bi;

import io.aihub.routes.HubRuntime;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The BI tables:
 * <ul>
 *   <li>{@code aihub-bi:predictions}: body {@code List<PredictionEvent>}, upserted on event id;</li>
 *   <li>{@code aihub-bi:outcomes}: body a {@code SourcePage} of records holding ground truth, recorded in
 *       {@code prediction_outcomes} ({@link AihubBiOutcomesEndpoint});</li>
 *   <li>{@code aihub-bi:drift}: body a published {@code ScoredPage}, fed to the route's drift monitor, which
 *       writes {@code drift_reports} per window ({@link AihubBiDriftEndpoint}).</li>
 * </ul>
 */
public final class AihubBiComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubBiComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        Endpoint endpoint = switch (remaining) {
            case "predictions" -> new AihubBiEndpoint(uri, this, runtime);
            case "outcomes" -> new AihubBiOutcomesEndpoint(uri, this, runtime);
            case "drift" -> new AihubBiDriftEndpoint(uri, this, runtime);
            default -> throw new IllegalArgumentException("aihub-bi knows 'predictions', 'outcomes' and 'drift', not '"
                    + remaining + "'");
        };
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
