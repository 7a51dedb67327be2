package io.aihub.routes.component.model;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.flow.ModelFallback;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A named model. Producer only.
 *
 * <p>Option {@code fields}: {@code <field the model reads>=<record field>}, comma-separated, for a source that
 * names its fields differently from the model's mapping (e.g. {@code NPS__c=aihub_nps}).
 */
public final class AihubModelEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String model;
    private String fields = "";
    private String version = "";
    private String fallback = "none";
    private String shadow = "";
    private String canary = "";

    AihubModelEndpoint(String uri, AihubModelComponent component, HubRuntime runtime, String model) {
        super(uri, component);
        this.runtime = runtime;
        this.model = model;
    }

    @Override
    public Producer createProducer() {
        return new AihubModelProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("aihub-model is a producer only: use it in to()");
    }

    HubRuntime runtime() {
        return runtime;
    }

    public String getModel() {
        return model;
    }

    public String getFields() {
        return fields;
    }

    /** Renames of the fields the model reads: {@code <model field>=<record field>}, comma-separated. */
    public void setFields(String fields) {
        this.fields = fields == null ? "" : fields;
    }

    /** The renames declared by {@link #setFields(String)}, in order. */
    java.util.Map<String, String> fieldRenames() {
        return io.aihub.model.mapping.FieldRenames.parse(fields);
    }

    public String getVersion() {
        return version;
    }

    /** Pins the champion version; empty for the version {@code aihub.models} configures (the highest by default). */
    public void setVersion(String version) {
        this.version = version == null ? "" : version;
    }

    public String getFallback() {
        return fallback;
    }

    /** {@code none} (default), {@code dead-letter} or {@code default-score:<score>}: see {@link ModelFallback}. */
    public void setFallback(String fallback) {
        this.fallback = fallback == null ? "none" : fallback;
    }

    public String getShadow() {
        return shadow;
    }

    /** A challenger version scoring the same records in shadow: results stored, never written back. */
    public void setShadow(String shadow) {
        this.shadow = shadow == null ? "" : shadow;
    }

    public String getCanary() {
        return canary;
    }

    /** {@code <version>:<percent>}: that share of records, by a stable hash of the record id, scored by the challenger. */
    public void setCanary(String canary) {
        this.canary = canary == null ? "" : canary;
    }
}
