package io.aihub.api.error;

/**
 * A failure that will happen again on every retry: bad input, schema mismatch, 4xx, invalid model output.
 * The runtime sends the affected record to the dead-letter queue at once.
 */
public class PermanentException extends AihubException {

    private static final long serialVersionUID = 1L;

    public PermanentException(String code, String message) {
        this(code, message, null);
    }

    public PermanentException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    @Override
    public final boolean retriable() {
        return false;
    }
}
