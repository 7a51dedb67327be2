package io.aihub.routes.component.bi;

import io.aihub.routes.HubRuntime;
import java.util.List;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * The BI tables:
 * <ul>
 *   <li>{@code aihub-bi:predictions}: body {@code List<PredictionEvent>}, upserted on event id;</li>
 *   <li>{@code aihub-bi:outcomes}: body a {@code SourcePage} of records holding ground truth, recorded in
 *       {@code prediction_outcomes} ({@link BiOutcomesProducer});</li>
 *   <li>{@code aihub-bi:drift}: body a published {@code ScoredPage}, fed to the route's drift monitor, which
 *       writes {@code drift_reports} per window ({@link BiDriftProducer}).</li>
 * </ul>
 */
public final class AihubBiComponent extends DefaultComponent {

    private final HubRuntime runtime;

    public AihubBiComponent(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (!List.of("predictions", "outcomes", "drift").contains(remaining)) {
            throw new IllegalArgumentException("aihub-bi knows 'predictions', 'outcomes' and 'drift', not '"
                    + remaining + "'");
        }
        Endpoint endpoint = new AihubBiEndpoint(uri, this, runtime, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
