package io.aihub.simulators.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * One fault a simulated model server applies to one scoring request. Health and metadata requests are never
 * faulted; use {@link ModelServerSimulator#setReady} for those.
 *
 * @param kind              what goes wrong
 * @param status            the HTTP status for {@link Kind#STATUS} and {@link Kind#ERROR_BODY}
 * @param delay             how long the server waits before answering, for {@link Kind#DELAY}
 * @param retryAfterSeconds the {@code Retry-After} value for {@link Kind#THROTTLE}
 * @param message           the error text for {@link Kind#ERROR_BODY}
 * @param rows              the rows whose outputs become NaN, for {@link Kind#NAN_OUTPUT}
 */
public record ModelFault(Kind kind, int status, Duration delay, long retryAfterSeconds, String message,
        Set<Integer> rows) {

    /** The kinds of fault. */
    public enum Kind {
        /** Answer normally, after a delay. */
        DELAY,
        /** Answer with a bare status and the protocol's error body naming it. */
        STATUS,
        /** Answer 429 with {@code Retry-After}. */
        THROTTLE,
        /** Answer 200 with a body that is not JSON. */
        MALFORMED_BODY,
        /** KServe v2: answer with another request id. */
        WRONG_REQUEST_ID,
        /** Answer with NaN for some rows' outputs. */
        NAN_OUTPUT,
        /** Answer the status with the protocol's error body carrying {@code message}. */
        ERROR_BODY,
        /** OpenAI: message content that is not JSON. */
        INVALID_JSON_CONTENT,
        /** OpenAI: JSON content that breaks the requested schema. */
        SCHEMA_VIOLATING_CONTENT,
        /** Close the connection without answering (the client sees the connection reset). */
        CONNECTION_RESET,
        /** Announce the whole answer's length but send only half of it, then close. */
        TRUNCATED_BODY,
        /** KServe v2: an output tensor whose shape does not match the batch ({@code [batch, labels + 1]}). */
        WRONG_OUTPUT_SHAPE,
        /** Answer 200 with JSON nested {@value ModelServerSimulator#DEEP_BODY_NESTING} arrays deep. */
        DEEP_BODY,
        /** Answer 200 with a chunked JSON body of {@value ModelServerSimulator#HUGE_BODY_BYTES} bytes, no length. */
        HUGE_BODY
    }

    public ModelFault {
        Objects.requireNonNull(kind, "kind");
        delay = delay == null ? Duration.ZERO : delay;
        rows = rows == null ? Set.of() : Set.copyOf(rows);
    }

    /** Answers normally after {@code delay}. */
    public static ModelFault delay(Duration delay) {
        return new ModelFault(Kind.DELAY, 0, delay, 0, null, null);
    }

    /** Answers with {@code status} (e.g. 503). */
    public static ModelFault status(int status) {
        return new ModelFault(Kind.STATUS, status, null, 0, null, null);
    }

    /** Answers 429 with {@code Retry-After: seconds}. */
    public static ModelFault throttle(long retryAfterSeconds) {
        return new ModelFault(Kind.THROTTLE, 429, null, retryAfterSeconds, null, null);
    }

    /** Answers 200 with a JSON body nested far deeper than any reader should follow. */
    public static ModelFault deepBody() {
        return new ModelFault(Kind.DEEP_BODY, 200, null, 0, null, null);
    }

    /** Answers 200 with a huge chunked JSON body (no Content-Length); the simulator counts what it could send. */
    public static ModelFault hugeBody() {
        return new ModelFault(Kind.HUGE_BODY, 200, null, 0, null, null);
    }

    /** Answers 200 with a truncated, non-JSON body. */
    public static ModelFault malformedBody() {
        return new ModelFault(Kind.MALFORMED_BODY, 200, null, 0, null, null);
    }

    /** KServe v2: echoes another request id. */
    public static ModelFault wrongRequestId() {
        return new ModelFault(Kind.WRONG_REQUEST_ID, 200, null, 0, null, null);
    }

    /** Returns NaN for the given row indexes of the batch. */
    public static ModelFault nanOutput(Integer... rows) {
        return new ModelFault(Kind.NAN_OUTPUT, 200, null, 0, null, Set.of(rows));
    }

    /** Answers {@code status} with the protocol's error body carrying {@code message}. */
    public static ModelFault errorBody(int status, String message) {
        return new ModelFault(Kind.ERROR_BODY, status, null, 0, message, null);
    }

    /** OpenAI: the message content is not JSON. */
    public static ModelFault invalidJsonContent() {
        return new ModelFault(Kind.INVALID_JSON_CONTENT, 200, null, 0, null, null);
    }

    /** OpenAI: the message content is JSON that breaks the requested schema. */
    public static ModelFault schemaViolatingContent() {
        return new ModelFault(Kind.SCHEMA_VIOLATING_CONTENT, 200, null, 0, null, null);
    }

    /** Closes the connection without an answer. */
    public static ModelFault connectionReset() {
        return new ModelFault(Kind.CONNECTION_RESET, 0, null, 0, null, null);
    }

    /** Sends half of a full-length answer, then closes. */
    public static ModelFault truncatedBody() {
        return new ModelFault(Kind.TRUNCATED_BODY, 200, null, 0, null, null);
    }

    /** KServe v2: an output of the wrong shape. */
    public static ModelFault wrongOutputShape() {
        return new ModelFault(Kind.WRONG_OUTPUT_SHAPE, 200, null, 0, null, null);
    }
}
