package io.aihub.bench.jmh;

import io.aihub.api.model.FeatureRow;
import io.aihub.api.model.ModelOutcome;
import io.aihub.model.LoadedModel;
import io.aihub.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The model call: the shipped ONNX churn model's {@code predict} on a batch of already-mapped rows, one call per
 * operation. {@code batch = 1} is a lone webhook event; {@code 100} is a full {@code score-events} micro-batch (the
 * template's {@code maxBatch}); divide by the batch for the time per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelCallBenchmark {

    @Param({"1", "100"})
    public int batch;

    private LoadedModel model;
    private final List<List<FeatureRow>> batches = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        model = ModelRegistry.load(JmhFixtures.modelsDir(), "churn", null);
        List<FeatureRow> rows = new ArrayList<>(JmhFixtures.RING);
        JmhFixtures.ring().forEach(r -> rows.add(model.mapping().map(r.fields())));
        for (int from = 0; from + batch <= rows.size(); from += batch) {
            batches.add(List.copyOf(rows.subList(from, from + batch)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }

    /** Scores one batch. */
    @Benchmark
    public List<ModelOutcome> predict() {
        return model.backend().predict(batches.get(next++ % batches.size()));
    }
}
