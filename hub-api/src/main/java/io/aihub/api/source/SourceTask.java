package io.aihub.api.source;

/**
 * Moves records out of one source system, one page at a time. The runtime owns threads, retries and
 * position storage.
 *
 * <p>Lifecycle: {@link #start} once, then {@link #poll} repeatedly from one thread, then {@link #stop}.
 * {@code stop()} may be called from another thread at any time and must make a blocked {@code poll()}
 * return promptly (an empty page or a {@link io.aihub.api.error.RetriableException}).
 */
public interface SourceTask extends AutoCloseable {

    /**
     * Starts reading after {@code committed}, the last position the runtime committed, or
     * {@link SourcePosition#START} when nothing was committed yet.
     */
    void start(SourcePosition committed);

    /**
     * Returns the next page after the previous one returned (not after the committed position: the
     * runtime calls {@link #rewind} when a page could not be delivered).
     *
     * @throws io.aihub.api.error.RetriableException when the system is unavailable for now
     * @throws io.aihub.api.error.PermanentException when reading cannot succeed (bad credentials, bad query)
     */
    SourcePage poll();

    /** Forgets pages returned since {@code committed}; the next poll reads after it again. */
    void rewind(SourcePosition committed);

    /** Stops the task; safe to call more than once and from another thread. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
