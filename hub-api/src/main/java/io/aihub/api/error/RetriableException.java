package io.aihub.api.error;

/** A failure that may go away by itself: timeouts, throttling, 5xx, lost connections. The runtime retries. */
public class RetriableException extends AihubException {

    private static final long serialVersionUID = 1L;

    public RetriableException(String code, String message) {
        this(code, message, null);
    }

    public RetriableException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    @Override
    public final boolean retriable() {
        return true;
    }
}
