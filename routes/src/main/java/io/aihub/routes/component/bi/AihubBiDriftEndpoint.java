package io.aihub.routes.component.bi;

import io.aihub.model.mapping.FieldRenames;
import io.aihub.routes.HubRuntime;
import io.aihub.routes.drift.DriftEventPublisher;
import io.aihub.routes.drift.DriftSettings;
import io.aihub.routes.drift.RouteDriftMonitor;
import io.aihub.routes.flow.ScoredPage;
import io.aihub.routes.store.DriftReportTable;
import java.time.Clock;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code aihub-bi:drift}: measures the drift of a route's published pages ({@link RouteDriftMonitor}). Options
 * {@code route}, {@code model}, {@code fields} (the route's renames); the window and threshold come from the
 * endpoint options or else the properties {@code aihub.drift.windowRecords}, {@code aihub.drift.windowSeconds},
 * {@code aihub.drift.minRecords} and {@code aihub.drift.psiThreshold}. Producer only; the body passes through.
 */
public final class AihubBiDriftEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private String route;
    private String model;
    private String fields = "";
    private Integer windowRecords;
    private Long windowSeconds;
    private Integer minRecords;
    private Double psiThreshold;

    AihubBiDriftEndpoint(String uri, AihubBiComponent component, HubRuntime runtime) {
        super(uri, component);
        this.runtime = runtime;
    }

    @Override
    public Producer createProducer() {
        if (route == null || model == null) {
            throw new IllegalArgumentException("aihub-bi:drift needs the options route and model");
        }
        DriftSettings settings = settings();
        RouteDriftMonitor monitor = new RouteDriftMonitor(route, model, version -> runtime.model(model, version),
                FieldRenames.parse(fields), settings, new DriftReportTable(runtime.database().dataSource()),
                new DriftEventPublisher(runtime.connectionFactory(), runtime.codec().mapper()), Clock.systemUTC());
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) throws Exception {
                monitor.observe(exchange.getMessage().getMandatoryBody(ScoredPage.class));
            }
        };
    }

    /** The settings: endpoint options first, then {@code aihub.drift.*} properties, then the defaults. */
    DriftSettings settings() {
        int records = windowRecords != null ? windowRecords
                : Integer.parseInt(property("windowRecords", String.valueOf(DriftSettings.DEFAULT_WINDOW_RECORDS)));
        long seconds = windowSeconds != null ? windowSeconds
                : Long.parseLong(property("windowSeconds", String.valueOf(DriftSettings.DEFAULT_WINDOW_SECONDS)));
        int fewest = minRecords != null ? minRecords
                : Integer.parseInt(property("minRecords", String.valueOf(Math.min(records,
                        DriftSettings.DEFAULT_MIN_RECORDS))));
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

    public String getRoute() {
        return route;
    }

    /** The scoring route measured. */
    public void setRoute(String route) {
        this.route = route;
    }

    public String getModel() {
        return model;
    }

    /** The model the route scores with. */
    public void setModel(String model) {
        this.model = model;
    }

    public String getFields() {
        return fields;
    }

    /** The route's field renames, as given to {@code aihub-model}. */
    public void setFields(String fields) {
        this.fields = fields == null ? "" : fields;
    }

    public Integer getWindowRecords() {
        return windowRecords;
    }

    /** Records per window. */
    public void setWindowRecords(Integer windowRecords) {
        this.windowRecords = windowRecords;
    }

    public Long getWindowSeconds() {
        return windowSeconds;
    }

    /** Seconds after which a window with at least {@code minRecords} records closes; 0 for count only. */
    public void setWindowSeconds(Long windowSeconds) {
        this.windowSeconds = windowSeconds;
    }

    public Integer getMinRecords() {
        return minRecords;
    }

    /** The fewest records a window closed by time holds. */
    public void setMinRecords(Integer minRecords) {
        this.minRecords = minRecords;
    }

    public Double getPsiThreshold() {
        return psiThreshold;
    }

    /** PSI above this marks a feature as drifted. */
    public void setPsiThreshold(Double psiThreshold) {
        this.psiThreshold = psiThreshold;
    }
}
