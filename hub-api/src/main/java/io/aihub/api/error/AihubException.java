package io.aihub.api.error;

import java.util.Objects;

/**
 * Root of every aihub failure. Each failure carries a stable {@code code} (e.g. {@code SOURCE_AUTH})
 * that operators and dead-letter headers use, and says whether trying again may help.
 *
 * <p>Messages must never contain payload values, secrets or personal data: they end up in logs and in
 * dead-letter headers.
 */
public abstract class AihubException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    protected AihubException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Stable, upper-case error code, e.g. {@code MODEL_TIMEOUT}. */
    public String code() {
        return code;
    }

    /** True if the same call may succeed later (timeout, 429, 5xx, connection refused). */
    public abstract boolean retriable();
}
