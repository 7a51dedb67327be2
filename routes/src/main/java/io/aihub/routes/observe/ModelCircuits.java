package io.aihub.routes.observe;

import io.aihub.api.model.ModelBackend;
import io.aihub.model.resilience.CircuitState;
import io.aihub.model.resilience.ResilientModelBackend;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breakers of the hub's remote models, as metrics and health checks see them: each breaker's state
 * and how often it opened. One line is logged per state change.
 */
public final class ModelCircuits {

    private static final Logger LOG = LoggerFactory.getLogger(ModelCircuits.class);

    /** One breaker's figures. */
    public static final class Circuit {
        private final AtomicInteger state = new AtomicInteger();
        private final LongAdder opened = new LongAdder();

        /** 0 closed, 1 open, 2 half-open. */
        public int state() {
            return state.get();
        }

        /** How many times the breaker opened. */
        public LongAdder opened() {
            return opened;
        }
    }

    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    /** Circuits whose figures are registered in {@code registry} as they are watched. */
    public ModelCircuits(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Watches the backend's breaker, if it has one, under the name {@code <model>@<version>}, and registers
     * {@code aihub_model_circuit_state} and {@code aihub_model_circuit_opened_total} tagged with the model and
     * version.
     */
    public void watch(String model, String version, ModelBackend backend) {
        if (!(backend instanceof ResilientModelBackend resilient)) {
            return;
        }
        String name = model + "@" + version;
        Circuit circuit = circuits.computeIfAbsent(name, k -> new Circuit());
        Gauge.builder("aihub.model.circuit.state", circuit, c -> c.state())
                .description("circuit breaker state: 0 closed, 1 open, 2 half-open").tag("model", model)
                .tag("version", version).register(registry);
        FunctionCounter.builder("aihub.model.circuit.opened", circuit.opened(), LongAdder::doubleValue)
                .description("times the circuit breaker opened").tag("model", model).tag("version", version)
                .register(registry);
        resilient.circuitBreaker().addListener((breaker, from, to) -> {
            circuit.state.set(to == CircuitState.OPEN ? 1 : to == CircuitState.HALF_OPEN ? 2 : 0);
            if (to == CircuitState.OPEN) {
                circuit.opened.increment();
            }
            LOG.warn("AIHUB-MODEL-0011 circuit of model {} {} -> {}", name, from, to);
        });
    }

    /** Every watched circuit by {@code <model>@<version>}. */
    public Map<String, Circuit> all() {
        return Map.copyOf(circuits);
    }
}
