package io.aihub.routes.component.bi;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.model.mapping.FieldRenames;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.component.ExchangeKeys;
import io.aihub.routes.drift.DriftEventPublisher;
import io.aihub.routes.drift.DriftSettings;
import io.aihub.routes.drift.RouteDriftMonitor;
import io.aihub.routes.store.DriftReportTable;
import io.aihub.routes.store.OutcomeTable;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * A BI table. Producer only.
 * <ul>
 *   <li>{@code predictions}: body {@code List<PredictionEvent>}, upserted on event id;</li>
 *   <li>{@code outcomes}: body a {@code SourcePage}; options {@code scoringRoute}, {@code labelField},
 *       {@code labels}, {@code positiveLabel}, {@code observedAtField} ({@link BiOutcomesProducer});</li>
 *   <li>{@code drift}: body a published {@code ScoredPage}; options {@code route}, {@code model}, {@code fields},
 *       and the window and threshold ({@code windowRecords}, {@code windowSeconds}, {@code minRecords},
 *       {@code psiThreshold}), which default to the properties {@code aihub.drift.*} ({@link BiDriftProducer}).</li>
 * </ul>
 */
public final class AihubBiEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String table;
    private String scoringRoute;
    private String labelField;
    private String labels;
    private String positiveLabel;
    private String observedAtField = "";
    private String route;
    private String model;
    private String fields = "";
    private Integer windowRecords;
    private Long windowSeconds;
    private Integer minRecords;
    private Double psiThreshold;

    AihubBiEndpoint(String uri, AihubBiComponent component, HubRuntime runtime, String table) {
        super(uri, component);
        this.runtime = runtime;
        this.table = table;
    }

    @Override
    public Producer createProducer() {
        return switch (table) {
            case "outcomes" -> new BiOutcomesProducer(this, new OutcomeTable(runtime.database().dataSource()));
            case "drift" -> new BiDriftProducer(this, driftMonitor());
            default -> predictionsProducer();
        };
    }

    private Producer predictionsProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                @SuppressWarnings("unchecked")
                List<PredictionEvent> events = exchange.getMessage().getMandatoryBody(List.class);
                int inserted = runtime.predictions().upsert(events);
                String routeId = exchange.getMessage().getHeader(ExchangeKeys.ROUTE_ID, String.class);
                if (routeId != null) {
                    runtime.counters().route(routeId).biRows.add(inserted);
                }
            }
        };
    }

    private RouteDriftMonitor driftMonitor() {
        if (route == null || model == null) {
            throw new IllegalArgumentException("aihub-bi:drift needs the options route and model");
        }
        return new RouteDriftMonitor(route, model, version -> runtime.model(model, version),
                FieldRenames.parse(fields), driftSettings(), new DriftReportTable(runtime.database().dataSource()),
                new DriftEventPublisher(runtime.connectionFactory(), runtime.codec().mapper()), Clock.systemUTC());
    }

    /** The drift settings: endpoint options first, then {@code aihub.drift.*} properties, then the defaults. */
    DriftSettings driftSettings() {
        int records = windowRecords != null ? windowRecords
                : Integer.parseInt(property("windowRecords", String.valueOf(DriftSettings.DEFAULT_WINDOW_RECORDS)));
        long seconds = windowSeconds != null ? windowSeconds
                : Long.parseLong(property("windowSeconds", String.valueOf(DriftSettings.DEFAULT_WINDOW_SECONDS)));
        int fewest = minRecords != null ? minRecords
                : Integer.parseInt(property("minRecords", String.valueOf(DriftSettings.DEFAULT_MIN_RECORDS)));
        double threshold = psiThreshold != null ? psiThreshold
                : Double.parseDouble(property("psiThreshold", String.valueOf(DriftSettings.DEFAULT_PSI_THRESHOLD)));
        return new DriftSettings(records, seconds, Math.min(fewest, records), threshold);
    }

    private String property(String key, String fallback) {
        return getCamelContext().getPropertiesComponent().resolveProperty("aihub.drift." + key).orElse(fallback)
                .trim();
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("aihub-bi is a producer only: use it in to()");
    }

    public String getScoringRoute() {
        return scoringRoute;
    }

    /** outcomes: the route whose predictions the outcomes judge ({@code prediction_outcomes.route_id}). */
    public void setScoringRoute(String scoringRoute) {
        this.scoringRoute = scoringRoute;
    }

    public String getLabelField() {
        return labelField;
    }

    /** outcomes: the source field holding the outcome (e.g. {@code Churned__c}); empty ones are skipped. */
    public void setLabelField(String labelField) {
        this.labelField = labelField;
    }

    public String getLabels() {
        return labels;
    }

    /** outcomes: {@code <field value>=<model label>}, comma-separated (e.g. {@code true=yes,false=no}). */
    public void setLabels(String labels) {
        this.labels = labels;
    }

    public String getPositiveLabel() {
        return positiveLabel;
    }

    /** outcomes: the model's positive class (e.g. {@code yes}). */
    public void setPositiveLabel(String positiveLabel) {
        this.positiveLabel = positiveLabel;
    }

    public String getObservedAtField() {
        return observedAtField;
    }

    /** outcomes: the field holding when the outcome happened; empty for the record's modification time. */
    public void setObservedAtField(String observedAtField) {
        this.observedAtField = observedAtField == null ? "" : observedAtField;
    }

    public String getRoute() {
        return route;
    }

    /** drift: the scoring route measured. */
    public void setRoute(String route) {
        this.route = route;
    }

    public String getModel() {
        return model;
    }

    /** drift: the model the route scores with. */
    public void setModel(String model) {
        this.model = model;
    }

    public String getFields() {
        return fields;
    }

    /** drift: the route's field renames, as given to {@code aihub-model}. */
    public void setFields(String fields) {
        this.fields = fields == null ? "" : fields;
    }

    public Integer getWindowRecords() {
        return windowRecords;
    }

    /** drift: records per window. */
    public void setWindowRecords(Integer windowRecords) {
        this.windowRecords = windowRecords;
    }

    public Long getWindowSeconds() {
        return windowSeconds;
    }

    /** drift: seconds after which a window with at least {@code minRecords} records closes; 0 for count only. */
    public void setWindowSeconds(Long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    public Integer getMinRecords() {
        return minRecords;
    }

    /** drift: the fewest records a window closed by time holds. */
    public void setMinRecords(Integer minRecords) {
        this.minRecords = minRecords;
    }

    public Double getPsiThreshold() {
        return psiThreshold;
    }

    /** drift: PSI above this marks a feature as drifted. */
    public void setPsiThreshold(Double psiThreshold) {
        this.psiThreshold = psiThreshold;
    }
}
