package io.aihub.routes.observe;

import io.aihub.api.model.ModelBackend;
import io.aihub.model.resilience.CircuitState;
import io.aihub.model.resilience.ResilientModelBackend;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breakers of the hub's remote models, as metrics see them: each breaker's state and how often it
 * opened. One line is logged per state change.
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

    /** Watches the backend's breaker, if it has one, under the name {@code <model>@<version>}. */
    public void watch(String model, ModelBackend backend) {
        if (!(backend instanceof ResilientModelBackend resilient)) {
            return;
        }
        Circuit circuit = circuits.computeIfAbsent(model, k -> new Circuit());
        resilient.circuitBreaker().addListener((name, from, to) -> {
            circuit.state.set(to == CircuitState.OPEN ? 1 : to == CircuitState.HALF_OPEN ? 2 : 0);
            if (to == CircuitState.OPEN) {
                circuit.opened.increment();
            }
            LOG.warn("AIHUB-MODEL-0011 circuit of model {} {} -> {}", model, from, to);
        });
    }

    public Map<String, Circuit> all() {
        return Map.copyOf(circuits);
    }
}
