package io.aihub.routes.component.model;

import io.aihub.api.source.SourcePage;
import io.aihub.model.LoadedModel;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.flow.Challenger;
import io.aihub.routes.flow.ModelFallback;
import io.aihub.routes.flow.PageScorer;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Scores the page in the body with one model call ({@link PageScorer}) and replaces the body with the
 * {@link io.aihub.routes.flow.ScoredPage}. A retriable model failure fails the exchange, so the source retries
 * the page.
 */
public final class AihubModelProducer extends DefaultProducer {

    private final AihubModelEndpoint endpoint;
    private PageScorer scorer;

    AihubModelProducer(AihubModelEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        scorer = scorerFor(endpoint.runtime(), endpoint.getModel(), endpoint.getVersion(), endpoint.fieldRenames(),
                endpoint.getFallback(), endpoint.getShadow(), endpoint.getCanary());
    }

    /** The scorer a route's model options describe; shared with the webhook route. */
    public static PageScorer scorerFor(HubRuntime runtime, String name, String version, Map<String, String> renames,
            String fallback, String shadow, String canary) {
        LoadedModel model = runtime.model(name, version);
        Challenger challenger = Challenger.parse(shadow, canary);
        PageScorer.Scoring challengerScoring = null;
        if (challenger != null) {
            LoadedModel second = runtime.model(name, challenger.version());
            challengerScoring = new PageScorer.Scoring(second.mapping().withSourceFields(renames), second.backend());
        }
        ModelFallback fallbackPolicy = ModelFallback.parse(fallback);
        PageScorer.Scoring fallbackScoring = null;
        if (fallbackPolicy.kind() == ModelFallback.Kind.MODEL) {
            LoadedModel stand = runtime.model(fallbackPolicy.model(), fallbackPolicy.version());
            Map<String, String> itsRenames = new java.util.LinkedHashMap<>(renames);
            itsRenames.keySet().retainAll(stand.mapping().sourceFields());
            fallbackScoring = new PageScorer.Scoring(stand.mapping().withSourceFields(itsRenames), stand.backend());
        }
        return new PageScorer(name, new PageScorer.Scoring(model.mapping().withSourceFields(renames),
                model.backend()), challengerScoring, challenger, fallbackPolicy, fallbackScoring);
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SourcePage page = exchange.getMessage().getMandatoryBody(SourcePage.class);
        exchange.getMessage().setBody(scorer.score(page));
    }
}
