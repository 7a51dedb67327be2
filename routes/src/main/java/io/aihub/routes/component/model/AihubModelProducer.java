package io.aihub.routes.component.model;

import io.aihub.api.source.SourcePage;
import io.aihub.model.LoadedModel;
import io.aihub.routes.flow.PageScorer;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * Scores the page in the body with one model call ({@link PageScorer}) and replaces the body with the
 * {@link io.aihub.routes.flow.ScoredPage}. A retriable model failure fails the exchange, so the source retries
 * the page.
 */
final class AihubModelProducer extends DefaultProducer {

    private final AihubModelEndpoint endpoint;
    private PageScorer scorer;

    AihubModelProducer(AihubModelEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        LoadedModel model = endpoint.runtime().model(endpoint.getModel());
        scorer = new PageScorer(endpoint.getModel(), model.mapping().withSourceFields(endpoint.fieldRenames()),
                model.backend());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SourcePage page = exchange.getMessage().getMandatoryBody(SourcePage.class);
        exchange.getMessage().setBody(scorer.score(page));
    }
}
