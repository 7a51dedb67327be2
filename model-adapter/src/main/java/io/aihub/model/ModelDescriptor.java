package io.aihub.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aihub.api.error.ConfigException;
import io.aihub.api.model.ModelMetadata;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.FeatureMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code model.yaml} that sits next to a model file: what the model is, how records become its inputs,
 * and how it was trained and measured. Every problem is reported at once.
 *
 * @param name          the model name, lower case letters, digits, {@code -} and {@code _}; equals its folder
 * @param version       a semantic version; equals its folder
 * @param backend       how the model runs; {@code onnx} is the only backend described by a descriptor
 * @param file          the model file name in the same folder, e.g. {@code model.onnx}
 * @param input         the ONNX input name that takes the {@code [rows, features]} float tensor
 * @param output        the ONNX output name that gives the {@code [rows, labels]} class probabilities
 * @param labels        class labels in output order, at least two, distinct
 * @param positiveLabel the label whose probability is reported as the score
 * @param features      the feature mapping, in model input order
 * @param training      how the model was trained, or null when unknown (a model trained elsewhere)
 * @param metrics       holdout metrics, or null when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(String name, String version, String backend, String file, String input,
        String output, List<String> labels, String positiveLabel, List<FeatureDefinition> features,
        TrainingSummary training, HoldoutMetrics metrics) {

    /** The descriptor's file name in a model version folder. */
    public static final String FILE_NAME = "model.yaml";
    /** Backends a descriptor can name. */
    public static final Set<String> BACKENDS = Set.of("onnx");

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelDescriptor {
        labels = labels == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(labels));
        features = features == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(features));
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must be lower case letters, digits, '-' or '_' (at most 64)");
        }
        if (SemanticVersion.tryParse(version).isEmpty()) {
            problems.add("version must be a semantic version like 1.0.0");
        }
        if (backend == null || !BACKENDS.contains(backend)) {
            problems.add("backend must be one of " + BACKENDS);
        }
        if (file == null || !FILE.matcher(file).matches() || file.contains("..")) {
            problems.add("file must be a plain file name in the model folder, like model.onnx");
        }
        if (input == null || input.isBlank()) {
            problems.add("input must name the model's input tensor");
        }
        if (output == null || output.isBlank()) {
            problems.add("output must name the model's probability output tensor");
        }
        if (labels.size() < 2) {
            problems.add("labels must list at least two class labels, in output order");
        }
        if (labels.stream().anyMatch(l -> l == null || l.isBlank())) {
            problems.add("labels must not be blank");
        } else if (new HashSet<>(labels).size() != labels.size()) {
            problems.add("labels must be distinct");
        }
        if (positiveLabel == null || !labels.contains(positiveLabel)) {
            problems.add("positiveLabel must be one of the labels");
        }
        if (features.stream().anyMatch(Objects::isNull)) {
            problems.add("features must not have empty entries");
        } else {
            problems.addAll(mappingProblems(features));
        }
        if (training != null) {
            Set<String> names = new HashSet<>();
            features.stream().filter(Objects::nonNull).forEach(f -> names.add(f.name()));
            for (String statistic : training.features().keySet()) {
                if (!names.contains(statistic)) {
                    problems.add("training statistics name feature '" + statistic + "', which is not a feature");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("model descriptor" + (name == null ? "" : " '" + name + "'"), problems);
        }
    }

    private static List<String> mappingProblems(List<FeatureDefinition> features) {
        try {
            new FeatureMapping(features);
            return List.of();
        } catch (ConfigException e) {
            return e.problems();
        }
    }

    /**
     * Reads and validates a descriptor file (limits: see {@link ModelYaml}).
     *
     * @throws ConfigException naming the file and every problem in it
     */
    public static ModelDescriptor read(Path file) {
        return ModelYaml.read(file, ModelDescriptor.class);
    }

    /** Writes this descriptor as YAML, replacing the file atomically. */
    public void write(Path file) {
        ModelYaml.write(file, this);
    }

    /** The feature mapping this descriptor declares. */
    public FeatureMapping mapping() {
        return new FeatureMapping(features);
    }

    /** The version, parsed. */
    public SemanticVersion semanticVersion() {
        return SemanticVersion.parse(version);
    }

    /** What the model takes and gives, as the model SPI reports it. */
    public ModelMetadata metadata() {
        return new ModelMetadata(name, version, backend, mapping().features(), labels, positiveLabel);
    }

    /** {@code name version}, for messages and logs. */
    public String reference() {
        return name + " " + version;
    }

    /** A copy with other training information and metrics. */
    public ModelDescriptor withTraining(TrainingSummary newTraining, HoldoutMetrics newMetrics) {
        return new ModelDescriptor(name, version, backend, file, input, output, labels, positiveLabel, features,
                newTraining, newMetrics);
    }

    /** Checks that the descriptor names this folder's model and version. */
    void requireLocation(String folderName, String folderVersion) {
        List<String> problems = new ArrayList<>();
        if (!Objects.equals(name, folderName)) {
            problems.add("name '" + name + "' does not match its folder '" + folderName + "'");
        }
        if (!Objects.equals(version, folderVersion)) {
            problems.add("version '" + version + "' does not match its folder '" + folderVersion + "'");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("model descriptor '" + name + "'", problems);
        }
    }
}
