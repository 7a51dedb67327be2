package io.aihub.model.resilience;

import io.aihub.api.error.RetriableException;
import java.time.Duration;

/** A call was refused because its circuit breaker is open (or half-open with every probe slot taken). */
public class CircuitOpenException extends RetriableException {

    /** Error code of a refused call. */
    public static final String CODE = "MODEL_CIRCUIT_OPEN";

    private static final long serialVersionUID = 1L;

    private final transient CircuitState state;

    CircuitOpenException(String breakerName, CircuitState state, Duration remaining) {
        super(CODE, "circuit breaker '" + breakerName + "' is " + state + "; call not permitted"
                + (remaining.isZero() ? "" : " for another " + remaining.toMillis() + " ms"));
        this.state = state;
    }

    /** The breaker's state when the call was refused. */
    public CircuitState state() {
        return state;
    }
}
