package io.aihub.model.resilience;

import io.aihub.api.error.RetriableException;
import java.time.Duration;
import java.util.Optional;

/** The backend asked the caller to slow down (HTTP 429), possibly saying how long to wait. */
public class ThrottledException extends RetriableException {

    /** Error code of a throttled call. */
    public static final String CODE = "MODEL_THROTTLED";

    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * @param message    names the model, never a payload value
     * @param retryAfter the server's {@code Retry-After}, or null when it sent none
     */
    public ThrottledException(String message, Duration retryAfter) {
        super(CODE, message);
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for, if it asked. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
