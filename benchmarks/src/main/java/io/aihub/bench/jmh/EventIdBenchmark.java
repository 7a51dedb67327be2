package io.aihub.bench.jmh;

import io.aihub.api.envelope.EventIds;
import io.aihub.bench.BenchData;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Event id hashing: {@link EventIds#of} (SHA-256 over the length-prefixed route, system, entity, record id,
 * record version and model version, formatted as a version 8 UUID), computed once per prediction event.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EventIdBenchmark {

    private final String[] recordIds = new String[JmhFixtures.RING];
    private int next;

    @Setup
    public void setUp() {
        for (int i = 0; i < recordIds.length; i++) {
            recordIds[i] = BenchData.id(i);
        }
    }

    /** The id of one prediction event. */
    @Benchmark
    public String eventId() {
        return EventIds.of("bench", "bench", "Account", recordIds[next++ & (JmhFixtures.RING - 1)],
                "2026-01-05T08:00:00Z", "1.0.0");
    }
}
