package io.aihub.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aihub.api.error.ConfigException;
import io.aihub.api.model.ModelMetadata;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.FeatureMapping;
import io.aihub.model.remote.EndpointSettings;
import io.aihub.model.remote.openai.ChatSettings;
import io.aihub.model.resilience.ResilienceSettings;
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
 * @param backend       how the model runs: {@code onnx} (in-process), or remote: {@code kserve-v2},
 *                      {@code mlflow}, {@code tfserving}, {@code openai-chat} (see {@code docs/models.md})
 * @param file          {@code onnx}: the model file name in the same folder, e.g. {@code model.onnx}
 * @param input         {@code onnx}: the input name that takes the {@code [rows, features]} float tensor;
 *                      {@code kserve-v2}: the input tensor name (optional when the model has one input)
 * @param output        {@code onnx}: the output name that gives the {@code [rows, labels]} class probabilities;
 *                      {@code kserve-v2}: the output tensor name (optional when the model has one output)
 * @param labels        class labels in output order, at least two, distinct
 * @param positiveLabel the label whose probability is reported as the score; optional for {@code openai-chat}
 * @param features      the feature mapping, in model input order
 * @param training      how the model was trained, or null when unknown (a model trained elsewhere)
 * @param metrics       holdout metrics, or null when unknown
 * @param endpoint      remote backends: where the server is and the request deadline
 * @param chat          {@code openai-chat}: prompt, JSON schema and the content properties used
 * @param resilience    remote backends: retries and circuit breaker, or null for the defaults
 * @param outputs       for a model predicting several things at once, the output names; its labels are then
 *                      joint labels {@code <class 1>|<class 2>} (see {@link JointLabels}); empty for one output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelDescriptor(String name, String version, String backend, String file, String input,
        String output, List<String> labels, String positiveLabel, List<FeatureDefinition> features,
        TrainingSummary training, HoldoutMetrics metrics, EndpointSettings endpoint, ChatSettings chat,
        ResilienceSettings resilience, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> outputs) {

    /** The descriptor's file name in a model version folder. */
    public static final String FILE_NAME = "model.yaml";
    /** Backends a descriptor can name. */
    public static final List<String> BACKENDS = List.of("onnx", "kserve-v2", "mlflow", "tfserving", "openai-chat");
    /** Backends that take numbers only. */
    private static final Set<String> NUMERIC_BACKENDS = Set.of("onnx", "kserve-v2", "tfserving");

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public ModelDescriptor {
        labels = labels == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(labels));
        features = features == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(features));
        outputs = outputs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(outputs));
        List<String> problems = new ArrayList<>();
        if (!outputs.isEmpty()) {
            problems.addAll(JointLabels.problems(labels, outputs));
        }
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must be lower case letters, digits, '-' or '_' (at most 64)");
        }
        if (SemanticVersion.tryParse(version).isEmpty()) {
            problems.add("version must be a semantic version like 1.0.0");
        }
        if (backend == null || !BACKENDS.contains(backend)) {
            problems.add("backend must be one of " + BACKENDS);
        }
        problems.addAll(backendProblems(BACKENDS.contains(backend) ? backend : "onnx", file, input, output,
                endpoint, chat));
        if (labels.size() < 2) {
            problems.add("labels must list at least two class labels, in output order");
        }
        if (labels.stream().anyMatch(l -> l == null || l.isBlank())) {
            problems.add("labels must not be blank");
        } else if (new HashSet<>(labels).size() != labels.size()) {
            problems.add("labels must be distinct");
        }
        boolean chatModel = "openai-chat".equals(backend);
        if (positiveLabel == null ? !chatModel : !labels.contains(positiveLabel)) {
            problems.add("positiveLabel must be one of the labels");
        }
        if (features.stream().anyMatch(Objects::isNull)) {
            problems.add("features must not have empty entries");
        } else {
            problems.addAll(mappingProblems(features));
            if (NUMERIC_BACKENDS.contains(backend)) {
                features.stream().filter(f -> !f.numeric()).forEach(f -> problems.add("feature '" + f.name()
                        + "' has type string but the " + backend + " backend takes numbers only"));
            }
            if (chatModel && chat != null) {
                Set<String> names = new HashSet<>();
                features.forEach(f -> names.add(f.name()));
                chat.placeholders().stream().filter(p -> !names.contains(p)).forEach(p -> problems.add(
                        "chat prompt placeholder {{" + p + "}} is not a feature"));
            }
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

    /** A descriptor of a model with one output. */
    public ModelDescriptor(String name, String version, String backend, String file, String input, String output,
            List<String> labels, String positiveLabel, List<FeatureDefinition> features, TrainingSummary training,
            HoldoutMetrics metrics, EndpointSettings endpoint, ChatSettings chat, ResilienceSettings resilience) {
        this(name, version, backend, file, input, output, labels, positiveLabel, features, training, metrics, endpoint,
                chat, resilience, List.of());
    }

    /** A descriptor without remote settings, as the embedded backend uses. */
    public ModelDescriptor(String name, String version, String backend, String file, String input, String output,
            List<String> labels, String positiveLabel, List<FeatureDefinition> features, TrainingSummary training,
            HoldoutMetrics metrics) {
        this(name, version, backend, file, input, output, labels, positiveLabel, features, training, metrics, null,
                null, null, List.of());
    }

    private static List<String> backendProblems(String backend, String file, String input, String output,
            EndpointSettings endpoint, ChatSettings chat) {
        List<String> problems = new ArrayList<>();
        if (backend.equals("onnx")) {
            if (file == null || !FILE.matcher(file).matches() || file.contains("..")) {
                problems.add("file must be a plain file name in the model folder, like model.onnx");
            }
            if (input == null || input.isBlank()) {
                problems.add("input must name the model's input tensor");
            }
            if (output == null || output.isBlank()) {
                problems.add("output must name the model's probability output tensor");
            }
            if (endpoint != null) {
                problems.add("endpoint is for remote backends; the onnx backend reads 'file'");
            }
        } else {
            if (file != null) {
                problems.add("file is for the onnx backend; the " + backend + " backend calls 'endpoint'");
            }
            if (endpoint == null) {
                problems.add("endpoint must give at least the server's url for the " + backend + " backend");
            } else if (endpoint.modelName() == null && !backend.equals("mlflow")) {
                problems.add("endpoint.modelName must name the model on the server for the " + backend
                        + " backend");
            }
            if (!backend.equals("kserve-v2") && (input != null || output != null)) {
                problems.add("input and output name tensors for the onnx and kserve-v2 backends only");
            }
        }
        if (backend.equals("openai-chat") != (chat != null)) {
            problems.add(chat == null ? "chat must give the prompt and JSON schema for the openai-chat backend"
                    : "chat is for the openai-chat backend only");
        }
        return problems;
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
                newTraining, newMetrics, endpoint, chat, resilience, outputs);
    }

    /** A copy declaring the model's outputs (empty for a model with one output). */
    public ModelDescriptor withOutputs(List<String> newOutputs) {
        return new ModelDescriptor(name, version, backend, file, input, output, labels, positiveLabel, features,
                training, metrics, endpoint, chat, resilience, newOutputs);
    }

    /** A copy calling another server: the {@code endpoint} with another {@code url} (e.g. from configuration). */
    public ModelDescriptor withEndpointUrl(String url) {
        if (endpoint == null) {
            throw new ConfigException("model " + reference(), List.of("the " + backend + " backend has no endpoint"
                    + " whose url could be set"));
        }
        return new ModelDescriptor(name, version, backend, file, input, output, labels, positiveLabel, features,
                training, metrics, endpoint.withUrl(url), chat, resilience, outputs);
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
