package io.aihub.api.sink;

import java.util.List;

/**
 * Writes prediction results back into a business system.
 *
 * <p>{@link #put} must be idempotent: writing the same batch twice leaves the system as writing it once.
 * It writes only allow-listed fields and rejects (per record) any other.
 */
public interface SinkTask extends AutoCloseable {

    /** Opens connections and authenticates. */
    void start();

    /**
     * Writes a batch and returns one result per record, in input order.
     *
     * @throws io.aihub.api.error.RetriableException when the whole batch could not be attempted for now
     * @throws io.aihub.api.error.PermanentException when no write can ever succeed (e.g. bad credentials)
     */
    List<SinkResult> put(List<SinkRecord> batch);

    /** Releases resources; safe to call more than once. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
