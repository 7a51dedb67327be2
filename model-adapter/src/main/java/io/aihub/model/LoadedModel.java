package io.aihub.model;

import io.aihub.api.model.ModelBackend;
import io.aihub.model.mapping.FeatureMapping;
import java.util.Objects;

/**
 * A model ready to score records: its descriptor, the mapping from record fields to its inputs, and the
 * running backend. Closing it closes the backend.
 *
 * @param descriptor the model's {@code model.yaml}
 * @param mapping    record fields to model inputs, checked against the backend's inputs
 * @param backend    the loaded model
 */
public record LoadedModel(ModelDescriptor descriptor, FeatureMapping mapping, ModelBackend backend)
        implements AutoCloseable {

    public LoadedModel {
        Objects.requireNonNull(descriptor, "descriptor");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(backend, "backend");
    }

    /** Releases the backend; safe to call more than once. */
    @Override
    public void close() {
        backend.close();
    }
}
