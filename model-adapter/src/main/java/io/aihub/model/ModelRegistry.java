package io.aihub.model;

import io.aihub.api.error.ConfigException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.model.ModelBackend;
import io.aihub.model.embedded.onnx.OnnxModelBackend;
import io.aihub.model.mapping.FeatureMapping;
import io.aihub.model.remote.RemoteBackends;
import io.aihub.model.remote.SecretSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and loads models laid out as {@code <modelsDir>/<name>/<version>/model.yaml} plus the model file the
 * descriptor names. Version folders are semantic versions; other folders are ignored.
 */
public final class ModelRegistry {

    /** Error code: the model, version or model file does not exist. */
    public static final String NOT_FOUND = "MODEL_NOT_FOUND";

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private ModelRegistry() {
    }

    /**
     * Loads one model version: reads and validates its descriptor, checks that the descriptor's name and
     * version match the folders, opens the backend and checks the mapping against the backend's inputs.
     *
     * @param modelsDir      the folder holding one folder per model
     * @param name           the model name
     * @param versionOrNull  the version to load, or null for the highest version present
     * @return the loaded model; the caller closes it
     * @throws PermanentException {@value #NOT_FOUND} naming the folder looked at and the models or versions
     *                            present; {@link ConfigException} for an invalid descriptor; the backend's errors
     *                            when the model file does not match the descriptor
     */
    public static LoadedModel load(Path modelsDir, String name, String versionOrNull) {
        return load(modelsDir, name, versionOrNull, SecretSource.environment());
    }

    /**
     * Like {@link #load(Path, String, String)}, looking up the secrets a remote model's {@code endpoint} names
     * (such as {@code apiKeyEnv}) in {@code secrets}. A remote backend comes wrapped in a
     * {@link io.aihub.model.resilience.ResilientModelBackend}; a {@code kserve-v2} model's metadata is read and
     * checked here, so an unreachable server or a mismatch fails the load.
     */
    public static LoadedModel load(Path modelsDir, String name, String versionOrNull, SecretSource secrets) {
        return load(modelsDir, name, versionOrNull, secrets, d -> d);
    }

    /**
     * Like {@link #load(Path, String, String, SecretSource)}, letting the caller adjust the descriptor read from
     * the folder before the backend opens, e.g. {@link ModelDescriptor#withEndpointUrl} with a configured URL.
     */
    public static LoadedModel load(Path modelsDir, String name, String versionOrNull, SecretSource secrets,
            java.util.function.UnaryOperator<ModelDescriptor> adjust) {
        requireSafeNames(name, versionOrNull);
        Path modelDir = modelsDir.resolve(name);
        if (!Files.isDirectory(modelDir)) {
            throw new PermanentException(NOT_FOUND, "no model '" + name + "' in " + modelsDir.toAbsolutePath()
                    + " (models present: " + describe(models(modelsDir)) + ")");
        }
        List<SemanticVersion> versions = versions(modelsDir, name);
        String version = versionOrNull != null ? versionOrNull : highest(modelDir, name, versions);
        Path versionDir = modelDir.resolve(version);
        Path descriptorFile = versionDir.resolve(ModelDescriptor.FILE_NAME);
        if (!Files.isRegularFile(descriptorFile)) {
            throw new PermanentException(NOT_FOUND, "model '" + name + "' version '" + version + "': no "
                    + ModelDescriptor.FILE_NAME + " in " + versionDir.toAbsolutePath() + " (versions present: "
                    + describe(versions.stream().map(SemanticVersion::toString).toList()) + ")");
        }
        ModelDescriptor descriptor = adjust.apply(ModelDescriptor.read(descriptorFile));
        descriptor.requireLocation(name, version);
        FeatureMapping mapping = descriptor.mapping();
        ModelBackend backend = openBackend(descriptor, versionDir, secrets);
        List<String> problems = mapping.validateAgainst(backend.metadata());
        if (!problems.isEmpty()) {
            backend.close();
            throw new ConfigException("model " + descriptor.reference(), problems);
        }
        LOG.info("AIHUB-MODEL-0001 model {} ready ({} backend, {} features from {} record fields)",
                descriptor.reference(), descriptor.backend(), mapping.definitions().size(),
                mapping.sourceFields().size());
        return new LoadedModel(descriptor, mapping, backend);
    }

    private static void requireSafeNames(String name, String versionOrNull) {
        List<String> problems = new ArrayList<>();
        if (name == null || !ModelDescriptor.NAME.matcher(name).matches()) {
            problems.add("model name must be lower case letters, digits, '-' or '_'");
        }
        if (versionOrNull != null && SemanticVersion.tryParse(versionOrNull).isEmpty()) {
            problems.add("model version must be a semantic version like 1.0.0, or empty for the highest");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("model reference", problems);
        }
    }

    /** The semantic versions present for a model, lowest first; empty when the model folder does not exist. */
    public static List<SemanticVersion> versions(Path modelsDir, String name) {
        Path modelDir = modelsDir.resolve(name);
        if (!Files.isDirectory(modelDir)) {
            return List.of();
        }
        return subfolders(modelDir).stream()
                .map(SemanticVersion::tryParse)
                .flatMap(Optional::stream)
                .sorted()
                .toList();
    }

    /** The model folders present, sorted by name. */
    public static List<String> models(Path modelsDir) {
        return Files.isDirectory(modelsDir) ? subfolders(modelsDir) : List.of();
    }

    private static String highest(Path modelDir, String name, List<SemanticVersion> versions) {
        if (versions.isEmpty()) {
            throw new PermanentException(NOT_FOUND, "model '" + name + "' has no version folders (like 1.0.0) in "
                    + modelDir.toAbsolutePath());
        }
        return versions.get(versions.size() - 1).toString();
    }

    private static ModelBackend openBackend(ModelDescriptor descriptor, Path versionDir, SecretSource secrets) {
        if ("onnx".equals(descriptor.backend())) {
            return OnnxModelBackend.open(descriptor, versionDir.resolve(descriptor.file()));
        }
        return RemoteBackends.open(descriptor, secrets);
    }

    private static List<String> subfolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new PermanentException(NOT_FOUND, "cannot list " + dir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static String describe(List<String> names) {
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
