package io.aihub.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import picocli.CommandLine;

/**
 * Proves {@code ./aihub bench jmh} finds the generated benchmarks and reports them: one benchmark, in this JVM, no
 * warm-up and one 100 ms iteration, gives a result line and JMH's JSON. No timing threshold.
 */
class JmhMainIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRunABenchmarkAndPrintAndWriteItsResult() throws Exception {
        System.setProperty("aihub.logDir", dir.resolve("logs").toString());
        JmhMain main = new JmhMain();
        new CommandLine(main).parseArgs("--include", "EventIdBenchmark", "--forks", "0", "--warmup-iterations", "0",
                "--iterations", "1", "--iteration-ms", "100", "--results", dir.resolve("results").toString(),
                "--models", Path.of("..", "models").toString());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        main.out = new PrintStream(captured, true, StandardCharsets.UTF_8);

        Collection<RunResult> results = main.run();

        assertThat(results).hasSize(1);
        assertThat(results.iterator().next().getPrimaryResult().getScore()).isPositive();
        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(text).containsPattern("(?m)^jmh\\.EventIdBenchmark\\.eventId: [0-9.]+ ± [0-9.]+ ns/op$");
        Path json;
        try (Stream<Path> files = Files.list(dir.resolve("results"))) {
            json = files.filter(f -> f.getFileName().toString().matches("jmh-.*\\.json")).findFirst().orElseThrow();
        }
        assertThat(text).contains("results: " + json);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get(0).get("benchmark").asText()).isEqualTo("io.aihub.bench.jmh.EventIdBenchmark.eventId");
        assertThat(doc.get(0).at("/primaryMetric/score").asDouble()).isPositive();
    }
}
