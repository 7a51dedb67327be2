package io.aihub.routes.component.bi;

import io.aihub.api.source.SourcePage;
import io.aihub.routes.outcome.OutcomeReader;
import io.aihub.routes.store.OutcomeTable;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aihub-bi:outcomes}: records the ground truth a source page holds in {@code prediction_outcomes}, for the
 * predictions of the endpoint's {@code scoringRoute}. The page's position is committed by the source only after
 * this step stored it, so a failed write is read again.
 */
final class BiOutcomesProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(BiOutcomesProducer.class);

    private final String scoringRoute;
    private final String labelField;
    private final OutcomeReader reader;
    private final OutcomeTable table;

    BiOutcomesProducer(AihubBiEndpoint endpoint, OutcomeTable table) {
        super(endpoint);
        this.scoringRoute = endpoint.getScoringRoute();
        this.labelField = endpoint.getLabelField();
        this.reader = new OutcomeReader(endpoint.getScoringRoute(), endpoint.getLabelField(), endpoint.getLabels(),
                endpoint.getPositiveLabel(), endpoint.getObservedAtField());
        this.table = table;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SourcePage page = exchange.getMessage().getMandatoryBody(SourcePage.class);
        OutcomeReader.Result result = reader.read(page.records());
        int changed = table.upsert(result.outcomes());
        if (result.unmapped() > 0) {
            LOG.warn("AIHUB-BI-0003 outcomes of route {}: {} record(s) hold a {} value not in the labels table;"
                    + " they were not recorded", scoringRoute, result.unmapped(), labelField);
        }
        LOG.debug("outcomes of route {}: {} read, {} new or changed, {} not known yet", scoringRoute,
                result.outcomes().size(), changed, result.pending());
    }
}
