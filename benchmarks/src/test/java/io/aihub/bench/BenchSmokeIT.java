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
 * Proves the benchmark works on a small run (2,000 records, then 2 s of webhooks at 50 events/s): every figure is
 * printed and positive, every webhook event sent is received and none refused, the ratio line comes last, and the
 * JSON result is written. No timing threshold: figures depend on the machine.
 */
class BenchSmokeIT {

    private static final Path MODELS = Path.of("..", "models").toAbsolutePath().normalize();
    /** Every figure line a run prints (before the ratio). */
    static final List<String> FIGURES = List.of("hub.throughput", "hub.latency.p50", "hub.latency.p95",
            "hub.latency.p99", "hub.publish_to_receipt.p50", "hub.publish_to_receipt.p99", "hub.heap.peak",
            "hub.heap.after_gc.peak", "hub.heap.retained", "hub.cpu.per_record", "raw.jms.throughput",
            "raw.model.throughput", "raw.jdbc.throughput");
    private static final List<String> WEBHOOK_FIGURES = List.of("webhook.rate", "webhook.latency.p50",
            "webhook.latency.p99", "webhook.latency.max", "webhook.schedule_to_receipt.p50",
            "webhook.schedule_to_receipt.p99", "webhook.schedule_to_receipt.max", "webhook.response.p50",
            "webhook.response.p99");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void shouldPrintEveryFigurePositiveAndWriteTheJsonResult() throws Exception {
        System.setProperty("aihub.logDir", dir.resolve("logs").toString());
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Path results = dir.resolve("results");
        BenchSettings settings = new BenchSettings(2000, 500, MODELS, results, dir.resolve("work"),
                Duration.ofSeconds(2), Duration.ofSeconds(60), out);

        BenchResult result = new BenchRun(settings, new WebhookSettings(50, 2, 0, 0, -1)).warmup(500).run();

        String text = captured.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        List<String> lines = text.lines().toList();
        for (String figure : Stream.concat(FIGURES.stream(), WEBHOOK_FIGURES.stream()).toList()) {
            assertThat(figure(text, figure)).as(figure).isPositive();
        }
        assertThat(lines.indexOf("warm-up: done; timed run starts")).as("warm-up before the timed figures")
                .isPositive().isLessThan(lines.indexOf(lines.stream()
                        .filter(l -> l.startsWith("hub.throughput:")).findFirst().orElseThrow()));
        assertThat(figure(text, "webhook.sent")).isEqualTo(100);
        assertThat(figure(text, "webhook.received")).isEqualTo(100);
        assertThat(figure(text, "webhook.refused")).isZero();
        assertThat(lines.indexOf("webhook.sent: 100 events")).as("webhook figures after the raw parts")
                .isGreaterThan(lines.indexOf(lines.stream().filter(l -> l.startsWith("raw.jdbc.throughput:"))
                        .findFirst().orElseThrow()));
        assertThat(lines.get(lines.size() - 2)).startsWith("results: ");
        assertThat(lines.get(lines.size() - 1)).matches("ratio: hub/raw=[0-9.]+");
        assertThat(result.ratio()).isPositive();

        Path json;
        try (Stream<Path> files = Files.list(results)) {
            json = files.filter(f -> f.getFileName().toString().endsWith(".json")).findFirst().orElseThrow();
        }
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("records").asLong()).isEqualTo(2000);
        assertThat(doc.at("/hub/throughputRecordsPerSecond").asDouble()).isPositive();
        assertThat(doc.at("/hub/latencyMs/p99").asDouble()).isPositive();
        assertThat(doc.at("/raw/jmsRecordsPerSecond").asDouble()).isPositive();
        assertThat(doc.at("/raw/modelRecordsPerSecond").asDouble()).isPositive();
        assertThat(doc.at("/raw/jdbcRecordsPerSecond").asDouble()).isPositive();
        assertThat(doc.get("ratioHubOverRaw").asDouble()).isEqualTo(result.ratio());
        assertThat(doc.at("/webhook/sent").asLong()).isEqualTo(100);
        assertThat(doc.at("/webhook/received").asLong()).isEqualTo(100);
        assertThat(doc.at("/webhook/refused").asLong()).isZero();
        assertThat(doc.at("/webhook/sendToReceiptMs/p99").asDouble()).isPositive();
    }

    /** The value of the figure line {@code <name>: <value> <unit>}. */
    private static double figure(String text, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + ": ([0-9.]+) ", Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("line for %s", name).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
