package io.aihub.bench.jmh;

import io.aihub.api.envelope.PredictionEvent;
import io.aihub.model.LoadedModel;
import io.aihub.model.ModelRegistry;
import io.aihub.routes.HubVersion;
import io.aihub.routes.flow.EnvelopeCodec;
import io.aihub.routes.flow.EnvelopeFactory;
import io.aihub.routes.flow.PageScorer;
import io.aihub.routes.flow.ScoredPage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The prediction envelope: built from a scored record by the route's {@link EnvelopeFactory} (event id, source,
 * used fields, prediction and route blocks), written to CloudEvents JSON by the {@link EnvelopeCodec} as
 * {@code PagePublisher} does for every message, and read back by the same codec as the BI sink and the
 * subscribe template do. The records are scored once in the setup by the shipped churn model, so the envelopes
 * are the hub's own.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeBenchmark {

    private final EnvelopeCodec codec = new EnvelopeCodec();
    private EnvelopeFactory factory;
    private ScoredPage page;
    private final List<PredictionEvent> events = new ArrayList<>(JmhFixtures.RING);
    private final List<String> json = new ArrayList<>(JmhFixtures.RING);
    private int next;

    @Setup
    public void setUp() {
        try (LoadedModel model = ModelRegistry.load(JmhFixtures.modelsDir(), "churn", null)) {
            page = new PageScorer("churn", model.mapping(), model.backend())
                    .score(JmhFixtures.page(JmhFixtures.ring()));
        }
        if (page.scored().size() != JmhFixtures.RING) {
            throw new IllegalStateException("the churn model scored " + page.scored().size() + " of "
                    + JmhFixtures.RING + " records");
        }
        factory = new EnvelopeFactory("bench", HubVersion.current(), Clock.systemUTC());
        page.scored().forEach(s -> events.add(factory.envelope(s, page.model(), "bench")));
        events.forEach(e -> json.add(codec.write(e)));
    }

    private int nextIndex() {
        return next++ & (JmhFixtures.RING - 1);
    }

    /** Builds the envelope of one scored record (its event id hash included). */
    @Benchmark
    public PredictionEvent build() {
        return factory.envelope(page.scored().get(nextIndex()), page.model(), "bench");
    }

    /** Writes one envelope as JSON. */
    @Benchmark
    public String write() {
        return codec.write(events.get(nextIndex()));
    }

    /** Reads one envelope from JSON. */
    @Benchmark
    public PredictionEvent read() {
        return codec.read(json.get(nextIndex()));
    }
}
