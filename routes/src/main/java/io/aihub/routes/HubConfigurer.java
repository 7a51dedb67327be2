package io.aihub.routes;

import io.aihub.routes.component.bi.AihubBiComponent;
import io.aihub.routes.component.model.AihubModelComponent;
import io.aihub.routes.component.publish.AihubPublishComponent;
import io.aihub.routes.component.sink.AihubSinkComponent;
import io.aihub.routes.component.source.AihubSourceComponent;
import io.aihub.routes.component.subscribe.AihubSubscribeComponent;
import io.aihub.routes.config.CamelPropertySource;
import io.aihub.routes.config.HubSettings;
import io.aihub.routes.demo.DemoSimulators;
import io.aihub.routes.observe.HubMeters;
import io.aihub.routes.observe.LogFormat;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.model.errorhandler.NoErrorHandlerDefinition;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Binds aihub into Camel before routes are built: starts the demo simulators (if enabled) and the hub
 * runtime, registers the aihub components, and turns off Camel's own redelivery, because aihub retries in
 * exactly one place (the source's back-off, or the broker's redelivery for subscribers).
 */
public final class HubConfigurer implements CamelConfiguration {

    private final Map<String, String> environment;
    private final PrometheusMeterRegistry metricsRegistry = HubMeters.newRegistry();
    private volatile HubRuntime runtime;
    private volatile DemoSimulators simulators;
    private volatile io.aihub.routes.api.ApiSettings apiSettings;

    public HubConfigurer(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        CamelPropertySource properties = new CamelPropertySource(context, environment);
        properties.get(LogFormat.PROPERTY).ifPresent(LogFormat::apply);
        HubSettings settings = HubSettings.from(properties);
        apiSettings = io.aihub.routes.api.ApiSettings.from(properties);
        DemoSimulators sims = settings.simulators() ? DemoSimulators.start(settings.simulatorSettings(),
                settings.dataDir(), DemoSimulators.referenced(settings.connectors())) : null;
        try {
            runtime = HubRuntime.start(settings, HubVersion.current(), sims == null ? v -> v : sims::resolve,
                    metricsRegistry);
        } catch (Exception e) {
            if (sims != null) {
                sims.close();
            }
            throw e;
        }
        simulators = sims;
        context.addService(new RuntimeService(), true, true);
        context.addComponent("aihub-source", new AihubSourceComponent(runtime));
        context.addComponent("aihub-model", new AihubModelComponent(runtime));
        context.addComponent("aihub-publish", new AihubPublishComponent(runtime));
        context.addComponent("aihub-subscribe", new AihubSubscribeComponent(runtime));
        context.addComponent("aihub-sink", new AihubSinkComponent(runtime));
        context.addComponent("aihub-events", new io.aihub.routes.component.events.AihubEventsComponent(runtime));
        context.addComponent("aihub-bi", new AihubBiComponent(runtime));
        context.getCamelContextExtension().setErrorHandlerFactory(new NoErrorHandlerDefinition());
        context.getPropertiesComponent().addPropertiesFunction(new io.aihub.routes.project.MappingFunction(context));
    }

    /**
     * The registry the runtime's meters go to; bind it in Camel under {@link HubMeters#CAMEL_REGISTRY_NAME}
     * before Camel starts, so that {@code /observe/metrics} serves it.
     */
    public PrometheusMeterRegistry metricsRegistry() {
        return metricsRegistry;
    }

    /** The runtime, once {@link #configure} ran. */
    public HubRuntime runtime() {
        return runtime;
    }

    /** The admin API's settings, once {@link #configure} ran. */
    public io.aihub.routes.api.ApiSettings apiSettings() {
        return apiSettings;
    }

    /** The demo simulators, or null when not enabled. */
    public DemoSimulators simulators() {
        return simulators;
    }

    /** Stops the runtime and simulators when Camel stops, after the routes. */
    private final class RuntimeService extends ServiceSupport {
        @Override
        protected void doStop() {
            HubRuntime r = runtime;
            if (r != null) {
                r.close();
            }
            DemoSimulators s = simulators;
            if (s != null) {
                s.close();
            }
        }
    }
}
