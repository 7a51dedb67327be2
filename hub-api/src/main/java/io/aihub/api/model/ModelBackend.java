package io.aihub.api.model;

import java.util.List;

/**
 * A model, wherever it runs. Implementations are thread-safe: {@link #predict} may be called from several
 * routes at once.
 */
public interface ModelBackend extends AutoCloseable {

    /** Inputs, outputs and version; available once constructed. */
    ModelMetadata metadata();

    /** True when the backend can take requests now. */
    boolean ready();

    /**
     * Scores a batch in one call and returns one outcome per row, in order.
     *
     * @throws io.aihub.api.error.RetriableException for timeouts, throttling, 5xx, connection failures
     * @throws io.aihub.api.error.PermanentException when the whole batch cannot be scored (schema mismatch)
     */
    List<ModelOutcome> predict(List<FeatureRow> batch);

    /** Releases native sessions or connections; safe to call more than once. */
    @Override
    void close();
}
