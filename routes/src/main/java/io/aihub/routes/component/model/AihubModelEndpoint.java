package io.aihub.routes.component.model;

import io.aihub.routes.HubRuntime;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** A named model. Producer only. */
public final class AihubModelEndpoint extends DefaultEndpoint {

    private final HubRuntime runtime;
    private final String model;

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
}
