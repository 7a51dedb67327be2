package io.aihub.model.training;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.embedded.onnx.OnnxModelBackend;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exported model's probabilities on the holdout and how far they are from Tribuo's.
 *
 * @param onnxProbabilities per holdout row, ONNX Runtime's probabilities in label order
 * @param maxDifference     the largest absolute difference to Tribuo's probabilities
 */
record ExportCheck(double[][] onnxProbabilities, double maxDifference) {

    private static final Logger LOG = LoggerFactory.getLogger(ExportCheck.class);

    /**
     * Loads the exported file with the production backend, scores the holdout in one batch and compares.
     *
     * @throws PermanentException {@value ClassifierTrainer#EXPORT_MISMATCH} when a row fails or differs by more
     *                            than {@value ClassifierTrainer#MAX_EXPORT_DIFFERENCE}
     */
    static ExportCheck run(ModelDescriptor descriptor, Path onnxFile, TribuoLogisticRegression model,
            double[][] holdoutRows, List<FeatureRow> holdoutFeatureRows) {
        List<String> labels = descriptor.labels();
        double[][] onnx = new double[holdoutRows.length][labels.size()];
        double maxDifference = 0;
        try (OnnxModelBackend backend = OnnxModelBackend.open(descriptor, onnxFile)) {
            List<ModelOutcome> outcomes = backend.predict(holdoutFeatureRows);
            for (int i = 0; i < holdoutRows.length; i++) {
                ModelOutcome outcome = outcomes.get(i);
                if (!outcome.isSuccess()) {
                    throw new PermanentException(ClassifierTrainer.EXPORT_MISMATCH,
                            "the exported model failed on holdout row " + (i + 1) + ": "
                                    + outcome.error().getMessage(), outcome.error());
                }
                double[] tribuo = model.probabilities(holdoutRows[i]);
                for (int k = 0; k < labels.size(); k++) {
                    onnx[i][k] = outcome.prediction().scores().get(labels.get(k));
                    maxDifference = Math.max(maxDifference, Math.abs(onnx[i][k] - tribuo[k]));
                }
            }
        }
        if (!(maxDifference <= ClassifierTrainer.MAX_EXPORT_DIFFERENCE)) {
            throw new PermanentException(ClassifierTrainer.EXPORT_MISMATCH,
                    "the exported ONNX model differs from Tribuo by up to " + maxDifference + " (limit "
                            + ClassifierTrainer.MAX_EXPORT_DIFFERENCE + ")");
        }
        LOG.info("AIHUB-TRAIN-0005 ONNX export reproduces Tribuo on {} holdout rows (max difference {})",
                holdoutRows.length, maxDifference);
        return new ExportCheck(onnx, maxDifference);
    }
}
