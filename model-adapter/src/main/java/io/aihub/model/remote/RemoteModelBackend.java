package io.aihub.model.remote;

import io.aihub.api.error.RetriableException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelMetadata;
import io.aihub.api.model.ModelOutcome;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every remote backend does the same way: metadata from the descriptor, the endpoint, closing (idempotent;
 * later calls fail with the retriable {@value #NOT_READY}, as with the embedded backend, because a reloaded model
 * may take them), and an empty batch answered without a request.
 */
public abstract class RemoteModelBackend implements ModelBackend {

    /** Error code: the backend was used after {@link #close}. */
    public static final String NOT_READY = "MODEL_NOT_READY";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteModelBackend.class);

    private final ModelMetadata metadata;
    private final RemoteEndpoint endpoint;
    private volatile boolean closed;

    protected RemoteModelBackend(ModelMetadata metadata, RemoteEndpoint endpoint) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public final ModelMetadata metadata() {
        return metadata;
    }

    /** The server. */
    protected final RemoteEndpoint endpoint() {
        return endpoint;
    }

    /** {@code name version}, for messages. */
    protected final String reference() {
        return metadata.name() + " " + metadata.version();
    }

    @Override
    public final boolean ready() {
        return !closed && serverReady();
    }

    /** Asks the server whether it takes requests; never throws. */
    protected abstract boolean serverReady();

    /**
     * Fails when the backend is closed.
     *
     * @throws RetriableException {@value #NOT_READY} after {@link #close}
     */
    protected final void ensureOpen() {
        if (closed) {
            throw new RetriableException(NOT_READY, "model " + reference() + " is closed");
        }
    }

    @Override
    public final List<ModelOutcome> predict(List<FeatureRow> batch) {
        ensureOpen();
        if (batch.isEmpty()) {
            return List.of();
        }
        return score(batch);
    }

    /** Scores a non-empty batch. */
    protected abstract List<ModelOutcome> score(List<FeatureRow> batch);

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LOG.info("AIHUB-MODEL-0203 closed remote model {} ({})", reference(), metadata.backend());
        }
    }
}
