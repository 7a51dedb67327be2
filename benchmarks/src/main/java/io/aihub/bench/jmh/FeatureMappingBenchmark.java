package io.aihub.bench.jmh;

import io.aihub.api.model.FeatureRow;
import io.aihub.api.source.SourceRecord;
import io.aihub.model.ModelDescriptor;
import io.aihub.model.mapping.FeatureMapping;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Feature mapping: the churn model's {@link FeatureMapping} (clip, log1p, standardize, one-hot, missing
 * indicators, as declared in {@code models/churn/1.0.0/model.yaml}) turning one record's fields into the model's
 * inputs, as {@code PageScorer} does for every record of a page. The route passes no renames, so the mapping is
 * the descriptor's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeatureMappingBenchmark {

    private FeatureMapping mapping;
    private List<SourceRecord> records;
    private int next;

    @Setup
    public void setUp() {
        mapping = ModelDescriptor.read(JmhFixtures.modelsDir().resolve("churn").resolve("1.0.0")
                .resolve(ModelDescriptor.FILE_NAME)).mapping().withSourceFields(Map.of());
        records = JmhFixtures.ring();
    }

    /** Maps one record. */
    @Benchmark
    public FeatureRow mapRecord() {
        return mapping.map(records.get(next++ & (JmhFixtures.RING - 1)).fields());
    }
}
