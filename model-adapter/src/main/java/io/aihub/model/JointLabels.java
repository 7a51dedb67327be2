package io.aihub.model;

import io.aihub.api.model.Prediction;
import io.aihub.api.model.PredictionOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model with several outputs over one classifier: its labels are the combinations of the outputs' classes,
 * written {@code <class of output 1>|<class of output 2>|...} (a ticket's {@code high|billing} for the outputs
 * {@code priority} and {@code category}). Splitting a prediction gives each output the probability of each of
 * its classes, summed over the combinations that hold it (the marginal), and as its label the most probable
 * class. A chat model that reports only the chosen combination and one confidence gives each output that class
 * with that confidence.
 */
public final class JointLabels {

    /** Separates the outputs' classes in a joint label. */
    public static final String SEPARATOR = "|";

    private JointLabels() {
    }

    /** The parts of a joint label, in output order. */
    public static List<String> parts(String jointLabel) {
        return List.of(jointLabel.split(java.util.regex.Pattern.quote(SEPARATOR), -1));
    }

    /** The joint label of one class per output, in output order. */
    public static String join(List<String> classes) {
        return String.join(SEPARATOR, classes);
    }

    /**
     * What is wrong with {@code labels} as the joint labels of {@code outputs}; empty when every label has one
     * non-blank class per output.
     */
    public static List<String> problems(List<String> labels, List<String> outputs) {
        List<String> problems = new ArrayList<>();
        if (outputs.size() < 2) {
            problems.add("outputs must name at least two outputs (a model with one output leaves outputs out)");
            return problems;
        }
        if (outputs.stream().anyMatch(o -> o == null || o.isBlank() || o.contains(SEPARATOR))
                || outputs.stream().distinct().count() != outputs.size()) {
            problems.add("outputs must be distinct, non-blank names without '" + SEPARATOR + "'");
        }
        for (String label : labels) {
            if (label == null) {
                continue;
            }
            List<String> parts = parts(label);
            if (parts.size() != outputs.size() || parts.stream().anyMatch(String::isBlank)) {
                problems.add("label '" + label + "' must hold one class per output " + outputs + ", separated by '"
                        + SEPARATOR + "'");
            }
        }
        return problems;
    }

    /**
     * Splits a prediction over joint labels into one result per output.
     *
     * @param joint   the classifier's prediction: {@code scores} per joint label (possibly only the chosen one)
     * @param outputs the output names, in the order of the parts of a joint label
     * @return the prediction with {@link Prediction#outputs()} set; its label, score and scores are the first
     *         output's; token usage is kept
     */
    public static Prediction split(Prediction joint, List<String> outputs) {
        List<Map<String, Double>> marginals = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            marginals.add(new LinkedHashMap<>());
        }
        Map<String, Double> scores = joint.scores().isEmpty() && joint.label() != null
                ? Map.of(joint.label(), joint.score()) : joint.scores();
        scores.forEach((label, probability) -> {
            List<String> parts = parts(label);
            for (int i = 0; i < outputs.size() && i < parts.size(); i++) {
                marginals.get(i).merge(parts.get(i), probability, Double::sum);
            }
        });
        Map<String, PredictionOutput> results = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            Map<String, Double> classes = marginals.get(i);
            String best = null;
            for (var entry : classes.entrySet()) {
                if (best == null || entry.getValue() > classes.get(best)) {
                    best = entry.getKey();
                }
            }
            if (best == null) {
                throw new IllegalArgumentException("the prediction has no label to split into outputs " + outputs);
            }
            classes.replaceAll((k, v) -> Math.min(1.0, Math.max(0.0, v)));
            results.put(outputs.get(i), new PredictionOutput(best, classes.get(best), classes));
        }
        Prediction split = Prediction.ofOutputs(results);
        return joint.usage() == null ? split : split.withUsage(joint.usage());
    }
}
