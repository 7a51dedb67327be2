package io.aihub.model.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.aihub.api.error.ConfigException;
import io.aihub.model.ModelYaml;
import io.aihub.model.SemanticVersion;
import io.aihub.model.mapping.FeatureDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What to train ({@code training.yaml}): the model's name and version, its labels, where the label is, how
 * to split and optimise, and the features. Feature definitions are those of a model descriptor, except that
 * {@code standardize} steps may leave out {@code mean}/{@code std} and a numeric feature may say
 * {@code default: mean}; the trainer fits both on the training rows. Every problem is reported at once.
 *
 * @param name            the model name (lower case letters, digits, {@code -}, {@code _})
 * @param version         the semantic version to write
 * @param labels          the class labels, at least two, distinct
 * @param positiveLabel   the label whose probability is the score
 * @param labelField      the column or field holding the label (used when reading CSV)
 * @param seed            seeds the holdout split and the optimiser; the same seed and rows give the same model
 * @param holdoutFraction share of each label's rows held out for evaluation, in (0, 0.5]
 * @param epochs          passes over the training rows, 1 to 1000; default {@value #DEFAULT_EPOCHS}
 * @param learningRate    AdaGrad's initial learning rate, above 0; default {@value #DEFAULT_LEARNING_RATE}
 * @param features        the features, in model input order
 * @param outputs         for a model with several outputs, their names; the labels are then joint labels
 *                        ({@link io.aihub.model.JointLabels}); null or empty for one output
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingSpec(String name, String version, List<String> labels, String positiveLabel,
        String labelField, Long seed, Double holdoutFraction, Integer epochs, Double learningRate,
        List<FeatureDefinition> features, List<String> outputs) {

    /** Epochs when the spec names none. */
    public static final int DEFAULT_EPOCHS = 10;
    /** Learning rate when the spec names none. */
    public static final double DEFAULT_LEARNING_RATE = 0.5;

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    public TrainingSpec {
        labels = labels == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(labels));
        features = features == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(features));
        outputs = outputs == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(outputs));
        epochs = epochs == null ? DEFAULT_EPOCHS : epochs;
        learningRate = learningRate == null ? DEFAULT_LEARNING_RATE : learningRate;
        List<String> problems = new ArrayList<>();
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add("name must be lower case letters, digits, '-' or '_' (at most 64)");
        }
        if (SemanticVersion.tryParse(version).isEmpty()) {
            problems.add("version must be a semantic version like 1.0.0");
        }
        if (labels.size() < 2 || labels.stream().anyMatch(l -> l == null || l.isBlank())
                || new HashSet<>(labels).size() != labels.size()) {
            problems.add("labels must list at least two distinct, non-blank class labels");
        }
        if (positiveLabel == null || !labels.contains(positiveLabel)) {
            problems.add("positiveLabel must be one of the labels");
        }
        if (labelField == null || labelField.isBlank()) {
            problems.add("labelField must name the field that holds the label");
        }
        if (seed == null) {
            problems.add("seed is required, so that training is repeatable");
        }
        if (holdoutFraction == null || !(holdoutFraction > 0 && holdoutFraction <= 0.5)) {
            problems.add("holdoutFraction must be above 0 and at most 0.5");
        }
        if (epochs < 1 || epochs > 1000) {
            problems.add("epochs must be between 1 and 1000");
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            problems.add("learningRate must be a number above 0");
        }
        problems.addAll(featureProblems(features));
        if (!outputs.isEmpty()) {
            problems.addAll(io.aihub.model.JointLabels.problems(labels, outputs));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("training spec" + (name == null ? "" : " '" + name + "'"), problems);
        }
    }

    /** A spec for a model with one output. */
    public TrainingSpec(String name, String version, List<String> labels, String positiveLabel, String labelField,
            Long seed, Double holdoutFraction, Integer epochs, Double learningRate, List<FeatureDefinition> features) {
        this(name, version, labels, positiveLabel, labelField, seed, holdoutFraction, epochs, learningRate, features,
                List.of());
    }

    /** The same spec for another model version. */
    public TrainingSpec withVersion(String newVersion) {
        return new TrainingSpec(name, newVersion, labels, positiveLabel, labelField, seed, holdoutFraction, epochs,
                learningRate, features, outputs);
    }

    private static List<String> featureProblems(List<FeatureDefinition> features) {
        List<String> problems = new ArrayList<>();
        if (features.isEmpty()) {
            problems.add("features must list at least one feature");
        }
        if (features.stream().anyMatch(Objects::isNull)) {
            problems.add("features must not have empty entries");
            return problems;
        }
        Set<String> names = new HashSet<>();
        for (FeatureDefinition feature : features) {
            if (!names.add(feature.name())) {
                problems.add("feature '" + feature.name() + "' is defined more than once");
            }
            if (!feature.numeric()) {
                problems.add("feature '" + feature.name() + "' has type string; the trainer takes numeric features"
                        + " only");
            }
            if (FeatureDefinition.DEFAULT_MEAN.equals(feature.defaultValue()) && !feature.numericField()) {
                problems.add("feature '" + feature.name() + "': default 'mean' needs a numeric field (not one-hot,"
                        + " indicator-missing, days-until or string)");
            }
        }
        return problems;
    }

    /**
     * Reads and validates a training spec file.
     *
     * @throws ConfigException naming the file and every problem in it
     */
    public static TrainingSpec read(Path file) {
        return ModelYaml.read(file, TrainingSpec.class);
    }
}
