package io.aihub.model.training;

import io.aihub.api.error.PermanentException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Multinomial logistic regression trained with Tribuo ({@link LinearSGDTrainer}, {@link LogMulticlass} loss,
 * AdaGrad, minibatch 1, fixed seed: deterministic), and its ONNX export.
 *
 * <p>Tribuo's ONNX export of a {@link LinearSGDModel} is one {@code Gemm} followed by {@code Softmax}: input
 * {@value #ONNX_INPUT}, float {@code [batch, features]} with features in Tribuo's feature-id order; output
 * {@value #ONNX_OUTPUT}, float {@code [batch, labels]} of probabilities in Tribuo's output-id order. Tribuo orders
 * feature ids by feature name, so features are given Tribuo names that sort in mapping order
 * ({@code 0000_days_since_login}, ...), and the order is checked after training.
 */
final class TribuoLogisticRegression {

    /** The input name Tribuo's ONNX export uses. */
    static final String ONNX_INPUT = "input";
    /** The output name Tribuo's ONNX export uses. */
    static final String ONNX_OUTPUT = "output";
    /** AdaGrad's epsilon. */
    static final double ADAGRAD_EPSILON = 0.1;

    private final LinearSGDModel model;
    private final String[] names;
    private final List<String> labels;

    private TribuoLogisticRegression(LinearSGDModel model, String[] names, List<String> labels) {
        this.model = model;
        this.names = names;
        this.labels = labels;
    }

    /**
     * Trains on mapped rows.
     *
     * @param featureNames the feature names, in mapping order
     * @param rows         the mapped training rows, {@code [row][feature]}
     * @param rowLabels    the label of each row
     * @param description  names the data in Tribuo's provenance
     * @throws PermanentException {@value ClassifierTrainer#FAILED} when Tribuo's feature columns differ from the
     *                            mapping's order
     */
    static TribuoLogisticRegression train(List<String> featureNames, double[][] rows, List<String> rowLabels,
            String description, long seed, int epochs, double learningRate) {
        String[] names = tribuoNames(featureNames);
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance(description, factory),
                factory);
        for (int i = 0; i < rows.length; i++) {
            dataset.add(new ArrayExample<>(new Label(rowLabels.get(i)), names, rows[i]));
        }
        LinearSGDTrainer trainer = new LinearSGDTrainer(new LogMulticlass(),
                new AdaGrad(learningRate, ADAGRAD_EPSILON), epochs, rows.length, 1, seed);
        LinearSGDModel model = trainer.train(dataset);
        requireFeatureOrder(model.getFeatureIDMap(), names, featureNames);
        ImmutableOutputInfo<Label> outputs = model.getOutputIDInfo();
        List<String> labels = new ArrayList<>();
        for (int id = 0; id < outputs.size(); id++) {
            labels.add(outputs.getOutput(id).getLabel());
        }
        return new TribuoLogisticRegression(model, names, List.copyOf(labels));
    }

    private static String[] tribuoNames(List<String> featureNames) {
        String[] names = new String[featureNames.size()];
        for (int j = 0; j < names.length; j++) {
            names[j] = String.format("%04d_%s", j, featureNames.get(j));
        }
        return names;
    }

    private static void requireFeatureOrder(ImmutableFeatureMap domain, String[] names, List<String> featureNames) {
        List<String> problems = new ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            if (domain.getID(names[j]) < 0) {
                problems.add("feature '" + featureNames.get(j) + "' has no column");
            } else if (domain.getID(names[j]) != j) {
                problems.add("feature '" + featureNames.get(j) + "' got column " + domain.getID(names[j]));
            }
        }
        if (!problems.isEmpty()) {
            throw new PermanentException(ClassifierTrainer.FAILED, "Tribuo's feature columns differ from the mapping: "
                    + String.join("; ", problems));
        }
    }

    /** The class labels in the model's (and the ONNX output's) order. */
    List<String> labels() {
        return labels;
    }

    /** Tribuo's class probabilities for one mapped row, in {@link #labels()} order. */
    double[] probabilities(double[] row) {
        Prediction<Label> prediction = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, row));
        Map<String, Label> scores = prediction.getOutputScores();
        double[] probabilities = new double[labels.size()];
        for (int i = 0; i < labels.size(); i++) {
            probabilities[i] = scores.get(labels.get(i)).getScore();
        }
        return probabilities;
    }

    /**
     * Writes the ONNX model.
     *
     * @param file         the target file
     * @param domain       the ONNX model domain, reverse-DNS
     * @param modelVersion the ONNX model version number
     */
    void exportOnnx(Path file, String domain, long modelVersion) throws IOException {
        model.saveONNXModel(domain, modelVersion, file);
    }
}
