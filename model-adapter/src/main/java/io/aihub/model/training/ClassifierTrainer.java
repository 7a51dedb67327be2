package io.aihub.model.training;

import io.aihub.api.error.PermanentException;
import io.aihub.api.model.FeatureRow;
import io.aihub.model.FeatureStatistics;
import io.aihub.model.HoldoutMetrics;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.ModelYaml;
import io.aihub.model.SemanticVersion;
import io.aihub.model.TrainingSummary;
import io.aihub.model.mapping.FeatureDefinition;
import io.aihub.model.mapping.FeatureMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a classifier from a {@link TrainingSpec} and labelled rows, and writes {@code model.onnx} and
 * {@code model.yaml} into a model version folder that {@link io.aihub.model.ModelRegistry} can load.
 *
 * <p>Steps: a seeded stratified holdout split; fitting the feature mapping on the training split only;
 * logistic regression with Tribuo; ONNX export; loading the exported file with {@link OnnxModelBackend} and
 * checking that its probabilities equal Tribuo's on every holdout row within {@value #MAX_EXPORT_DIFFERENCE};
 * holdout metrics from the exported model; then both files are moved into place. Nothing is written when a step
 * fails. The same spec and rows always give the same model (only {@code trainedAt} differs). A model version is
 * never overwritten: a version folder that already holds files is refused before anything is trained.
 */
public final class ClassifierTrainer {

    /** Error code: the rows cannot be used (unknown label, unreadable field, too few rows of a label). */
    public static final String BAD_DATA = "TRAINING_BAD_DATA";
    /** Error code: training or writing failed. */
    public static final String FAILED = "TRAINING_FAILED";
    /** Error code: the model version folder already holds files; a version is never overwritten. */
    public static final String VERSION_EXISTS = "TRAINING_VERSION_EXISTS";
    /** Error code: the exported ONNX model does not reproduce Tribuo's probabilities. */
    public static final String EXPORT_MISMATCH = "TRAINING_EXPORT_MISMATCH";
    /** Largest accepted difference between Tribuo's and ONNX Runtime's probabilities. */
    public static final double MAX_EXPORT_DIFFERENCE = 1e-4;
    /** The ONNX model file name written. */
    public static final String MODEL_FILE = "model.onnx";
    /** The ONNX model domain written. */
    public static final String ONNX_DOMAIN = "io.aihub.model";

    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);

    private ClassifierTrainer() {
    }

    /**
     * Trains, exports, verifies and writes a model. Progress (rows, features, epochs, one Tribuo line per epoch,
     * metrics, files written) is logged at INFO.
     *
     * @param spec   what to train
     * @param rows   labelled rows; each label must be one of the spec's labels, and each label needs at least
     *               two rows so that the holdout has every label
     * @param outDir the model version folder to write, e.g. {@code models/churn/1.0.0}; created when missing,
     *               and it must be empty when it exists
     * @return what was written and how well the model did on the holdout
     * @throws PermanentException {@value #VERSION_EXISTS} when {@code outDir} holds files, {@value #BAD_DATA},
     *                            {@value #FAILED} or {@value #EXPORT_MISMATCH}; mapping errors name the row number
     *                            and field, never a value
     */
    public static TrainingReport train(TrainingSpec spec, List<LabeledRow> rows, Path outDir) {
        long started = System.nanoTime();
        if (outDir.getFileName() == null || !outDir.getFileName().toString().equals(spec.version())) {
            LOG.warn("AIHUB-TRAIN-0007 writing {} {} to {}, whose folder name is not the version; the registry"
                    + " loads models only from <models>/<name>/<version>", spec.name(), spec.version(), outDir);
        }
        requireNewVersion(spec, outDir);
        requireKnownLabels(spec, rows);
        List<String> rowLabels = rows.stream().map(LabeledRow::label).toList();
        StratifiedSplit split = StratifiedSplit.of(rowLabels, spec.holdoutFraction(), spec.seed());
        requireEveryLabelInBothParts(spec, rowLabels, split);

        FeatureMapping mapping = MappingFitter.fit(spec.features(), rows, split.training());
        double[][] trainingRows = mapRows(mapping, rows, split.training());
        double[][] holdoutRows = mapRows(mapping, rows, split.holdout());
        List<String> featureNames = mapping.definitions().stream().map(FeatureDefinition::name).toList();
        LOG.info("AIHUB-TRAIN-0001 training {} {}: {} rows ({} training, {} holdout), {} features, {} epochs",
                spec.name(), spec.version(), rows.size(), split.training().size(), split.holdout().size(),
                featureNames.size(), spec.epochs());

        TribuoLogisticRegression model = TribuoLogisticRegression.train(featureNames, trainingRows,
                pick(rowLabels, split.training()), "aihub training spec " + spec.name() + " " + spec.version(),
                spec.seed(), spec.epochs(), spec.learningRate());
        LOG.info("AIHUB-TRAIN-0002 trained {} {} in {} ms", spec.name(), spec.version(),
                (System.nanoTime() - started) / 1_000_000);

        ModelDescriptor exported = new ModelDescriptor(spec.name(), spec.version(), "onnx", MODEL_FILE,
                TribuoLogisticRegression.ONNX_INPUT, TribuoLogisticRegression.ONNX_OUTPUT, model.labels(),
                spec.positiveLabel(), mapping.definitions(), null, null);
        List<String> holdoutLabels = pick(rowLabels, split.holdout());
        Path onnxFile = outDir.resolve(MODEL_FILE);
        Path descriptorFile = outDir.resolve(ModelDescriptor.FILE_NAME);
        Path temporary = null;
        try {
            Files.createDirectories(outDir);
            temporary = Files.createTempFile(outDir, ".model", ".onnx.tmp");
            model.exportOnnx(temporary, ONNX_DOMAIN, SemanticVersion.parse(spec.version()).asNumber());
            ExportCheck check = ExportCheck.run(exported, temporary, model, holdoutRows,
                    holdoutFeatureRows(mapping, rows, split.holdout()));
            HoldoutMetrics metrics = HoldoutEvaluation.of(check.onnxProbabilities(), model.labels(), holdoutLabels,
                    spec.positiveLabel());
            Map<String, FeatureStatistics> statistics = statistics(mapping, rows, split.training(), trainingRows);
            TrainingSummary summary = new TrainingSummary(rows.size(), spec.seed(), spec.holdoutFraction(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), statistics,
                    TrainingStatistics.score(check.onnxProbabilities(), model.labels().indexOf(spec.positiveLabel())));
            requireNewVersion(spec, outDir, temporary);
            ModelYaml.moveIntoPlace(temporary, onnxFile);
            exported.withTraining(summary, metrics).withOutputs(spec.outputs()).write(descriptorFile);
            TrainingReport report = new TrainingReport(spec.name(), spec.version(), onnxFile, descriptorFile,
                    featureNames.size(), rows.size(), split.training().size(), metrics, check.maxDifference(),
                    Duration.ofNanos(System.nanoTime() - started));
            LOG.info("AIHUB-TRAIN-0003 wrote {} and {}: {}", onnxFile, descriptorFile, report.summary());
            return report;
        } catch (IOException e) {
            throw new PermanentException(FAILED, "cannot write model " + spec.name() + " " + spec.version() + " to "
                    + outDir.toAbsolutePath() + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static Map<String, FeatureStatistics> statistics(FeatureMapping mapping, List<LabeledRow> rows,
            List<Integer> training, double[][] trainingRows) {
        Map<String, FeatureStatistics> statistics = TrainingStatistics.of(mapping, rows, training, trainingRows);
        statistics.forEach((feature, stats) -> {
            if (stats.std() == 0) {
                LOG.warn("AIHUB-TRAIN-0006 feature {} has the same value on every training row; it cannot"
                        + " influence the model", feature);
            }
        });
        return statistics;
    }

    /**
     * Refuses a version folder that holds anything but {@code ignored} (the trainer's own temporary file).
     *
     * @throws PermanentException {@value #VERSION_EXISTS}
     */
    private static void requireNewVersion(TrainingSpec spec, Path outDir, Path... ignored) {
        if (!Files.isDirectory(outDir)) {
            if (Files.exists(outDir)) {
                throw new PermanentException(VERSION_EXISTS, outDir.toAbsolutePath() + " exists and is not a folder");
            }
            return;
        }
        List<Path> own = List.of(ignored);
        try (var entries = Files.list(outDir)) {
            if (entries.anyMatch(entry -> !own.contains(entry))) {
                throw new PermanentException(VERSION_EXISTS, "model " + spec.name() + " " + spec.version()
                        + " already exists in " + outDir.toAbsolutePath() + "; a model version is never"
                        + " overwritten: train a new version");
            }
        } catch (IOException e) {
            throw new PermanentException(FAILED, "cannot read " + outDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    private static void requireKnownLabels(TrainingSpec spec, List<LabeledRow> rows) {
        if (rows.isEmpty()) {
            throw new PermanentException(BAD_DATA, "no labelled rows to train " + spec.name() + " on");
        }
        Set<String> known = new HashSet<>(spec.labels());
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!known.contains(rows.get(i).label())) {
                unknown.add(i + 1);
            }
        }
        if (!unknown.isEmpty()) {
            throw new PermanentException(BAD_DATA, unknown.size() + " rows have a label that is not one of "
                    + spec.labels() + " (first: row " + unknown.get(0) + ")");
        }
    }

    private static void requireEveryLabelInBothParts(TrainingSpec spec, List<String> rowLabels,
            StratifiedSplit split) {
        Set<String> inTraining = new HashSet<>(pick(rowLabels, split.training()));
        Set<String> inHoldout = new HashSet<>(pick(rowLabels, split.holdout()));
        List<String> problems = new ArrayList<>();
        for (String label : spec.labels()) {
            if (!inTraining.contains(label) || !inHoldout.contains(label)) {
                problems.add("label '" + label + "' needs at least two rows (it has "
                        + rowLabels.stream().filter(label::equals).count() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new PermanentException(BAD_DATA, "cannot hold out every label: " + String.join("; ", problems));
        }
    }

    private static double[][] mapRows(FeatureMapping mapping, List<LabeledRow> rows, List<Integer> indices) {
        int features = mapping.definitions().size();
        double[][] mapped = new double[indices.size()][features];
        for (int i = 0; i < indices.size(); i++) {
            int j = 0;
            for (Object value : mapRow(mapping, rows, indices.get(i)).values().values()) {
                mapped[i][j++] = ((Number) value).doubleValue();
            }
        }
        return mapped;
    }

    private static List<FeatureRow> holdoutFeatureRows(FeatureMapping mapping, List<LabeledRow> rows,
            List<Integer> holdout) {
        return holdout.stream().map(index -> mapRow(mapping, rows, index)).toList();
    }

    private static FeatureRow mapRow(FeatureMapping mapping, List<LabeledRow> rows, int index) {
        try {
            return mapping.map(rows.get(index).fields());
        } catch (PermanentException e) {
            throw new PermanentException(e.code(), "training row " + (index + 1) + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> pick(List<T> values, List<Integer> indices) {
        return indices.stream().map(values::get).toList();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("AIHUB-TRAIN-0004 cannot delete temporary file {}: {}", file, e.getMessage());
        }
    }
}
