package io.aihub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves {@code ./aihub bench --db postgres} works on a small run (1,000 records): the hub's BI sink and the raw
 * JDBC part write to the PostgreSQL server started for the run, not to H2, and every figure is printed and
 * positive. No timing threshold.
 */
class BenchPostgresSmokeIT {

    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldRunTheBiSinkAndRawJdbcOnPostgresAndPrintEveryFigure() throws Exception {
        System.setProperty("aihub.logDir", dir.resolve("logs").toString());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Path work = dir.resolve("work");
        Path results = dir.resolve("results");
        BenchSettings settings = new BenchSettings(1000, 250, MODELS, results, work, Duration.ofSeconds(2),
                Duration.ofSeconds(90), out, BenchDb.POSTGRES);

        BenchResult result = new BenchRun(settings).run();

        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(text).contains("db postgres").containsPattern("(?m)^db: postgres \\(PostgreSQL [0-9.]+, "
                + "synchronous_commit=on\\)$");
        for (String figure : BenchSmokeIT.FIGURES) {
            Matcher m = Pattern.compile("^" + Pattern.quote(figure) + ": ([0-9.]+) ", Pattern.MULTILINE).matcher(text);
            assertThat(m.find()).as("line for %s", figure).isTrue();
            assertThat(Double.parseDouble(m.group(1))).as(figure).isPositive();
        }
        List<String> lines = text.lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("ratio: hub/raw=[0-9.]+");
        assertThat(result.ratio()).isPositive();
        assertThat(work.resolve("hub").resolve("data").resolve("db")).as("the hub's H2 folder").doesNotExist();
        assertThat(work.resolve("raw-db")).as("the raw part's H2 folder").doesNotExist();

        Path json;
        try (Stream<Path> files = Files.list(results)) {
            json = files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("db").asText()).startsWith("postgres (PostgreSQL ");
        assertThat(doc.get("records").asLong()).isEqualTo(1000);
        assertThat(doc.at("/raw/jdbcRecordsPerSecond").asDouble()).isPositive();
    }
}
