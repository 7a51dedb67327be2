package io.aihub.model.embedded.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.aihub.api.error.AihubException;
import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.FeatureSpec;
import io.aihub.api.model.ModelBackend;
import io.aihub.api.model.ModelMetadata;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.ClassProbabilities;
import io.aihub.model.JointLabels;
import io.aihub.model.ModelDescriptor;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a classifier exported to ONNX inside the hub's JVM with ONNX Runtime.
 *
 * <p>The model takes one float tensor {@code [rows, features]} (features in descriptor order) and gives one
 * float tensor {@code [rows, labels]} of class probabilities (labels in descriptor order). This is what
 * Tribuo's ONNX export of a linear classifier produces: input {@code input}, output {@code output}, softmax
 * already applied.
 *
 * <p>One {@link OrtSession} is created at {@link #open} and shared by every caller; {@link #predict} is
 * thread-safe and makes one native call per batch. The session uses one intra-op thread: the models are small,
 * and parallelism comes from routes calling concurrently. {@link #close} waits for running batches, then releases
 * the session; it is idempotent. The process-wide {@link OrtEnvironment} is never closed.
 */
public final class OnnxModelBackend implements ModelBackend {

    /** Error code: the batch or the model does not have the shape the descriptor declares. */
    public static final String SCHEMA_MISMATCH = "MODEL_SCHEMA_MISMATCH";
    /** Error code: ONNX Runtime failed for another reason. */
    public static final String FAILED = "MODEL_FAILED";
    /** Error code: the model file does not exist. */
    public static final String NOT_FOUND = "MODEL_NOT_FOUND";
    /** Error code: the backend was used after {@link #close}. */
    public static final String NOT_READY = "MODEL_NOT_READY";

    private static final Logger LOG = LoggerFactory.getLogger(OnnxModelBackend.class);

    private final ModelMetadata metadata;
    private final String reference;
    private final List<String> outputs;
    private final String inputName;
    private final String outputName;
    private final List<String> featureNames;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxModelBackend(ModelDescriptor descriptor, OrtEnvironment environment, OrtSession session) {
        this.metadata = descriptor.metadata();
        this.reference = descriptor.reference();
        this.outputs = descriptor.outputs();
        this.inputName = descriptor.input();
        this.outputName = descriptor.output();
        this.featureNames = metadata.features().stream().map(FeatureSpec::name).toList();
        this.environment = environment;
        this.session = session;
    }

    /**
     * Loads the model file and checks it against the descriptor: the input exists, is a float tensor and takes
     * as many features as the descriptor lists; the output exists, is a float tensor and gives one value per
     * label.
     *
     * @param descriptor the model's descriptor
     * @param modelFile  the ONNX file
     * @throws PermanentException {@value #SCHEMA_MISMATCH} listing every difference between file and descriptor,
     *                            {@value #NOT_FOUND} when the file is missing, {@value #FAILED} when ONNX
     *                            Runtime cannot load it
     */
    public static OnnxModelBackend open(ModelDescriptor descriptor, Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new PermanentException(NOT_FOUND, "model " + descriptor.reference() + ": no model file at "
                    + modelFile.toAbsolutePath());
        }
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        OrtSession session;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = environment.createSession(modelFile.toString(), options);
        } catch (OrtException e) {
            throw new PermanentException(FAILED, "model " + descriptor.reference() + ": ONNX Runtime cannot load "
                    + modelFile.getFileName() + ": " + e.getMessage(), e);
        }
        try {
            List<String> problems = OnnxSchemaCheck.problems(descriptor, session);
            if (!problems.isEmpty()) {
                throw new PermanentException(SCHEMA_MISMATCH, "model " + descriptor.reference() + ": "
                        + modelFile.getFileName() + " does not match " + ModelDescriptor.FILE_NAME + ": "
                        + String.join("; ", problems));
            }
        } catch (OrtException | RuntimeException e) {
            closeQuietly(session);
            if (e instanceof PermanentException permanent) {
                throw permanent;
            }
            throw new PermanentException(FAILED, "model " + descriptor.reference() + ": cannot inspect "
                    + modelFile.getFileName() + ": " + e.getMessage(), e);
        }
        LOG.info("AIHUB-MODEL-0101 loaded ONNX model {} from {} ({} features, {} labels)", descriptor.reference(),
                modelFile, descriptor.features().size(), descriptor.labels().size());
        return new OnnxModelBackend(descriptor, environment, session);
    }

    @Override
    public ModelMetadata metadata() {
        return metadata;
    }

    @Override
    public boolean ready() {
        lifecycle.readLock().lock();
        try {
            return !closed;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /**
     * Scores the batch with one native call. Rows that lack a feature or hold a non-number fail alone with
     * {@value #SCHEMA_MISMATCH}; rows whose probabilities are invalid fail alone with
     * {@value ClassProbabilities#INVALID_OUTPUT}.
     *
     * @throws PermanentException {@value #SCHEMA_MISMATCH} when ONNX Runtime rejects the tensor's shape or
     *                            returns another shape, {@value #FAILED} for other runtime errors
     * @throws RetriableException {@value #NOT_READY} after {@link #close}
     */
    @Override
    public List<ModelOutcome> predict(List<FeatureRow> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new RetriableException(NOT_READY, "model " + reference + " is closed");
            }
            return score(batch);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private List<ModelOutcome> score(List<FeatureRow> batch) {
        long started = System.nanoTime();
        int columns = featureNames.size();
        ModelOutcome[] outcomes = new ModelOutcome[batch.size()];
        int[] tensorRowOf = new int[batch.size()];
        float[] values = new float[batch.size() * columns];
        int rows = 0;
        for (int i = 0; i < batch.size(); i++) {
            AihubException problem = fill(batch.get(i), values, rows * columns);
            if (problem == null) {
                tensorRowOf[i] = rows++;
            } else {
                outcomes[i] = ModelOutcome.failed(problem);
                tensorRowOf[i] = -1;
            }
        }
        if (rows > 0) {
            float[] probabilities = run(values, rows, columns);
            int labels = metadata.labels().size();
            for (int i = 0; i < batch.size(); i++) {
                if (tensorRowOf[i] >= 0) {
                    double[] row = new double[labels];
                    for (int j = 0; j < labels; j++) {
                        row[j] = probabilities[tensorRowOf[i] * labels + j];
                    }
                    outcomes[i] = ClassProbabilities.toOutcome(row, metadata.labels(), metadata.positiveLabel(),
                            reference);
                    if (!outputs.isEmpty() && outcomes[i].isSuccess()) {
                        outcomes[i] = ModelOutcome.of(JointLabels.split(outcomes[i].prediction(), outputs));
                    }
                }
            }
        }
        LOG.debug("AIHUB-MODEL-0102 model {} scored {} of {} rows in {} us", reference, rows, batch.size(),
                (System.nanoTime() - started) / 1_000);
        return List.of(outcomes);
    }

    private AihubException fill(FeatureRow row, float[] values, int offset) {
        for (int j = 0; j < featureNames.size(); j++) {
            String name = featureNames.get(j);
            Object value = row.values().get(name);
            if (!(value instanceof Number number)) {
                return new PermanentException(SCHEMA_MISMATCH, "model " + reference + ": feature '" + name + "' is "
                        + (value == null ? "missing" : "not a number"));
            }
            float f = number.floatValue();
            if (!Float.isFinite(f)) {
                return new PermanentException(SCHEMA_MISMATCH, "model " + reference + ": feature '" + name
                        + "' is not a finite float");
            }
            values[offset + j] = f;
        }
        return null;
    }

    private float[] run(float[] values, int rows, int columns) {
        long[] shape = {rows, columns};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(values, 0, rows * columns),
                shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor), Set.of(outputName))) {
            OnnxValue value = result.get(outputName).orElseThrow(() -> new PermanentException(SCHEMA_MISMATCH,
                    "model " + reference + " returned no output '" + outputName + "'"));
            if (!(value instanceof OnnxTensor output) || output.getInfo().type != OnnxJavaType.FLOAT) {
                throw new PermanentException(SCHEMA_MISMATCH, "model " + reference + ": output '" + outputName
                        + "' is not a float tensor");
            }
            long[] outputShape = output.getInfo().getShape();
            int labels = metadata.labels().size();
            if (outputShape.length != 2 || outputShape[0] != rows || outputShape[1] != labels) {
                throw new PermanentException(SCHEMA_MISMATCH, "model " + reference + ": output '" + outputName
                        + "' has shape " + Arrays.toString(outputShape) + "; expected [" + rows + ", " + labels + "]");
            }
            FloatBuffer buffer = output.getFloatBuffer();
            float[] probabilities = new float[rows * labels];
            buffer.get(probabilities);
            return probabilities;
        } catch (OrtException e) {
            throw classify(e);
        }
    }

    private PermanentException classify(OrtException e) {
        boolean shape = e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_ARGUMENT
                || e.getCode() == OrtException.OrtErrorCode.ORT_INVALID_GRAPH;
        return new PermanentException(shape ? SCHEMA_MISMATCH : FAILED, "model " + reference
                + ": ONNX Runtime failed (" + e.getCode() + "): " + e.getMessage(), e);
    }

    /** Releases the native session once running batches finish; later calls do nothing. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(session);
            LOG.info("AIHUB-MODEL-0103 closed ONNX model {}", reference);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.warn("AIHUB-MODEL-0104 closing an ONNX session failed: {}", e.getMessage());
        }
    }
}
