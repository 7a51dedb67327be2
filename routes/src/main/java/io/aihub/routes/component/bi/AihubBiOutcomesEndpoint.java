package io.aihub.routes.component.bi;

import io.aihub.api.source.SourcePage;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.outcome.OutcomeReader;
import io.aihub.routes.store.OutcomeTable;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code aihub-bi:outcomes}: records the ground truth a source page holds in {@code prediction_outcomes}, for the
 * predictions of {@code scoringRoute}. The page's position is committed by the source only after this step
 * stored it, so a failed write is read again. Producer only.
 */
public final class AihubBiOutcomesEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(AihubBiOutcomesEndpoint.class);

    private final HubRuntime runtime;
    private String scoringRoute;
    private String labelField;
    private String labels;
    private String positiveLabel;
    private String observedAtField = "";

    AihubBiOutcomesEndpoint(String uri, AihubBiComponent component, HubRuntime runtime) {
        super(uri, component);
        this.runtime = runtime;
    }

    @Override
    public Producer createProducer() {
        OutcomeReader reader = new OutcomeReader(scoringRoute, labelField, labels, positiveLabel, observedAtField);
        OutcomeTable table = new OutcomeTable(runtime.database().dataSource());
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                SourcePage page = exchange.getMessage().getMandatoryBody(SourcePage.class);
                OutcomeReader.Result result = reader.read(page.records());
                int changed = table.upsert(result.outcomes());
                if (result.unmapped() > 0) {
                    LOG.warn("AIHUB-BI-0003 outcomes of route {}: {} record(s) hold a {} value not in the labels"
                            + " table; they were not recorded", scoringRoute, result.unmapped(), labelField);
                }
                LOG.debug("outcomes of route {}: {} read, {} new or changed, {} not known yet", scoringRoute,
                        result.outcomes().size(), changed, result.pending());
            }
        };
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("aihub-bi is a producer only: use it in to()");
    }

    public String getScoringRoute() {
        return scoringRoute;
    }

    /** The route whose predictions the outcomes judge ({@code prediction_outcomes.route_id}). */
    public void setScoringRoute(String scoringRoute) {
        this.scoringRoute = scoringRoute;
    }

    public String getLabelField() {
        return labelField;
    }

    /** The source field holding the outcome (e.g. {@code Churned__c}); records where it is empty are skipped. */
    public void setLabelField(String labelField) {
        this.labelField = labelField;
    }

    public String getLabels() {
        return labels;
    }

    /** {@code <field value>=<model label>}, comma-separated (e.g. {@code true=yes,false=no}). */
    public void setLabels(String labels) {
        this.labels = labels;
    }

    public String getPositiveLabel() {
        return positiveLabel;
    }

    /** The model's positive class (e.g. {@code yes}): precision and recall are about it. */
    public void setPositiveLabel(String positiveLabel) {
        this.positiveLabel = positiveLabel;
    }

    public String getObservedAtField() {
        return observedAtField;
    }

    /** The source field holding when the outcome happened; empty for the record's modification time. */
    public void setObservedAtField(String observedAtField) {
        this.observedAtField = observedAtField == null ? "" : observedAtField;
    }
}
