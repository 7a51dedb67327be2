package io.aihub.routes.component.model;

import io.aihub.routes.HubRuntime;
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
}
