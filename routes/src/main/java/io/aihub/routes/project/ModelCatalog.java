package io.aihub.routes.project;

import io.aihub.model.ModelDescriptor;
import io.aihub.model.ModelRegistry;
import io.aihub.model.SemanticVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models folder read without loading any model: which models and versions exist, and each version's
 * descriptor ({@code model.yaml}), cached.
 */
public final class ModelCatalog {

    private final Path modelsDir;
    private final Map<String, Optional<ModelDescriptor>> descriptors = new HashMap<>();
    private final Map<String, String> errors = new HashMap<>();

    public ModelCatalog(Path modelsDir) {
        this.modelsDir = modelsDir;
    }

    public Path dir() {
        return modelsDir;
    }

    /** The model folders present. */
    public List<String> models() {
        return ModelRegistry.models(modelsDir);
    }

    /** A model's versions, lowest first. */
    public List<String> versions(String model) {
        return ModelRegistry.versions(modelsDir, model).stream().map(SemanticVersion::toString).toList();
    }

    /** The version the hub loads: the pinned one, else the highest present. */
    public Optional<String> effectiveVersion(String model, Optional<String> pinned) {
        if (pinned.isPresent()) {
            return versions(model).contains(pinned.get()) ? pinned : Optional.empty();
        }
        List<String> all = versions(model);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The descriptor of one version, or empty when missing or invalid ({@link #error} says why). */
    public Optional<ModelDescriptor> descriptor(String model, String version) {
        String key = model + "@" + version;
        return descriptors.computeIfAbsent(key, k -> {
            Path file = modelsDir.resolve(model).resolve(version).resolve(ModelDescriptor.FILE_NAME);
            if (!Files.isRegularFile(file)) {
                errors.put(key, "no " + ModelDescriptor.FILE_NAME + " in " + file.getParent());
                return Optional.empty();
            }
            try {
                return Optional.of(ModelDescriptor.read(file));
            } catch (RuntimeException e) {
                errors.put(key, e.getMessage());
                return Optional.empty();
            }
        });
    }

    /** Why {@link #descriptor} returned empty. */
    public String error(String model, String version) {
        return errors.getOrDefault(model + "@" + version, "unknown");
    }

    /** The record fields a model version reads (its features' {@code field}s): what renames may name. */
    public Optional<List<String>> inputs(String model, String version) {
        return descriptor(model, version).map(d -> d.mapping().sourceFields());
    }
}
