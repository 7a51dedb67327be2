package io.aihub.routes.component.sink;

import io.aihub.routes.HubRuntime;
import io.aihub.routes.flow.WriteBackMapping;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A sink connector instance and the fields written into it. Producer only. */
public final class AihubSinkEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String connector;
    private String fields;

    AihubSinkEndpoint(String uri, AihubSinkComponent component, HubRuntime runtime, String connector) {
        super(uri, component);
        this.runtime = runtime;
        this.connector = connector;
    }

    @Override
    public Producer createProducer() {
        if (fields == null || fields.isBlank()) {
            throw new IllegalArgumentException("aihub-sink:" + connector + " needs the option fields");
        }
        return new AihubSinkProducer(this, WriteBackMapping.parse(fields));
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("aihub-sink is a producer only: use it in to()");
    }

    HubRuntime runtime() {
        return runtime;
    }

    public String getConnector() {
        return connector;
    }

    public String getFields() {
        return fields;
    }

    /** What to write: {@code <field>=<score|label|modelVersion|band:...>}, comma-separated. */
    public void setFields(String fields) {
        this.fields = fields;
    }
}
