package io.aihub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.aihub.api.json.HubJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code ./aihub bench --startup}: how long {@code ./aihub run} takes to be ready, as a user starts it. Each run
 * launches the launcher script with the default (demo) profile in a fresh folder (so the data dir is new: broker
 * journal created, database migrated, the same as a first start) with every port moved to a free one, and times
 * process start to the line {@code aihub <version> started; routes: [...]} (printed once every route started)
 * and to {@code /observe/health} answering {@code UP} on the management port; then stops the hub with SIGTERM.
 * One untimed start comes first: it builds the distribution when stale, warms the file cache and, when the
 * launcher's class-sharing archive is missing or stale, writes it as it stops (the launcher does that on the
 * first run after a build). The figures are the medians over the timed starts.
 */
final class StartupBench {

    /** The banner line {@code ./aihub run} prints once the hub started. */
    static final Pattern READY = Pattern.compile("^aihub \\S+ started; routes: .*");

    private static final Duration STOP_WAIT = Duration.ofSeconds(60);
    private static final long HEALTH_POLL_MS = 20;
    private static final int KEPT_LINES = 40;

    private final Path launcher;
    private final Path modelsDir;
    private final Path workDir;
    private final Path resultsDir;
    private final int runs;
    private final Duration timeout;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /**
     * One start: milliseconds from launch to the ready line and to health {@code UP}, and the CPU time the
     * process had used when the ready line came (all threads: less sensitive to other load than the wall time).
     */
    record Start(long readyMillis, long healthUpMillis, long readyCpuMillis) {

        String describe() {
            return String.format("ready %,d ms (CPU %,d ms), health UP %,d ms", readyMillis, readyCpuMillis,
                    healthUpMillis);
        }
    }

    /**
     * @param launcher   the {@code aihub} script
     * @param modelsDir  the models folder ({@code AIHUB_MODELS_DIR})
     * @param workDir    where each run gets its folder
     * @param resultsDir where the JSON result goes
     * @param runs       how many timed starts
     * @param timeout    the most one start may take
     * @param out        where lines go
     */
    StartupBench(Path launcher, Path modelsDir, Path workDir, Path resultsDir, int runs, Duration timeout,
            PrintStream out) {
        if (runs <= 0) {
            throw new IllegalArgumentException("runs must be positive");
        }
        this.launcher = launcher.toAbsolutePath();
        this.modelsDir = modelsDir.toAbsolutePath();
        this.workDir = workDir;
        this.resultsDir = resultsDir;
        this.runs = runs;
        this.timeout = timeout;
        this.out = out;
    }

    /** Warms up once, times every start, prints one line per start and the medians, and writes the JSON. */
    List<Start> run() throws Exception {
        if (!Files.isExecutable(launcher)) {
            throw new IllegalStateException("no launcher at " + launcher + " (run ./aihub bench from the repository)");
        }
        out.printf("bench: startup of %s run, %d start(s), each in a new data dir, %s%n", launcher, runs,
                "ready = the 'started; routes' line, health = /observe/health UP");
        Start first = start(workDir.resolve("startup-0"));
        out.println("startup run 0 (untimed warm-up): " + first.describe());
        List<Start> starts = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Start start = start(workDir.resolve("startup-" + i));
            out.printf("startup run %d: %s%n", i, start.describe());
            out.flush();
            starts.add(start);
        }
        double ready = median(starts.stream().mapToLong(Start::readyMillis).toArray());
        double health = median(starts.stream().mapToLong(Start::healthUpMillis).toArray());
        double cpu = median(starts.stream().mapToLong(Start::readyCpuMillis).toArray());
        Path json = writeJson(first, starts, ready, health, cpu);
        out.printf("startup.ready.median: %.0f ms%n", ready);
        out.printf("startup.ready_cpu.median: %.0f ms%n", cpu);
        out.printf("startup.health_up.median: %.0f ms%n", health);
        out.println("results: " + json);
        out.flush();
        return starts;
    }

    private Start start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int management = freePort();
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "run"));
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("camel.management.port", management);
        ports.put("camel.server.port", freePort());
        ports.put("aihub.broker.corePort", freePort());
        ports.put("aihub.broker.amqpPort", freePort());
        ports.put("aihub.broker.stompPort", freePort());
        ports.put("aihub.broker.mqttPort", freePort());
        ports.forEach((key, port) -> command.addAll(List.of("-D", key + "=" + port)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("AIHUB_MODELS_DIR", modelsDir.toString());
        URI health = URI.create("http://127.0.0.1:" + management + "/observe/health");

        long started = System.nanoTime();
        Process hub = builder.start();
        OutputWatcher watcher = new OutputWatcher(hub);
        watcher.start();
        try {
            long deadline = started + timeout.toNanos();
            long healthUp = 0;
            while (healthUp == 0 || watcher.readyNanos() == 0) {
                if (!hub.isAlive()) {
                    watcher.join(5_000);
                    throw new IllegalStateException("the hub exited with code " + hub.exitValue()
                            + " before it was ready; its last lines:\n" + watcher.lastLines());
                }
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("the hub was not ready within " + timeout.toSeconds()
                            + " s; its last lines:\n" + watcher.lastLines());
                }
                if (healthUp == 0 && isUp(health)) {
                    healthUp = System.nanoTime();
                }
                Thread.sleep(HEALTH_POLL_MS);
            }
            return new Start(TimeUnit.NANOSECONDS.toMillis(watcher.readyNanos() - started),
                    TimeUnit.NANOSECONDS.toMillis(healthUp - started), watcher.readyCpuMillis());
        } finally {
            stop(hub);
        }
    }

    /** Whether the health endpoint answers {@code UP}; refused, timed out or cut off counts as not yet. */
    private boolean isUp(URI health) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode body = HubJson.mapper().readTree(response.body());
            return "UP".equals(body.path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static void stop(Process hub) throws InterruptedException {
        hub.destroy();
        if (!hub.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            hub.destroyForcibly();
            hub.waitFor();
        }
    }

    /** The median of {@code values} (the mean of the middle two for an even count). */
    static double median(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    private Path writeJson(Start first, List<Start> starts, double ready, double health, double cpu)
            throws IOException {
        Files.createDirectories(resultsDir);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("timestamp", java.time.Instant.now().toString());
        doc.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        Map<String, Object> startup = new LinkedHashMap<>();
        startup.put("readyMillisMedian", ready);
        startup.put("healthUpMillisMedian", health);
        startup.put("readyCpuMillisMedian", cpu);
        startup.put("runs", starts.stream().map(StartupBench::toMap).toList());
        startup.put("warmUp", toMap(first));
        doc.put("startup", startup);
        String name = "startup-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                + ".json";
        Path file = resultsDir.resolve(name);
        HubJson.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
        return file;
    }

    private static Map<String, Long> toMap(Start start) {
        return Map.of("readyMillis", start.readyMillis(), "healthUpMillis", start.healthUpMillis(),
                "readyCpuMillis", start.readyCpuMillis());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Reads the hub's output: notes when the ready line comes, and keeps the last lines for errors. */
    private static final class OutputWatcher extends Thread {
        private final Process process;
        private final Deque<String> last = new ArrayDeque<>();
        private volatile long readyNanos;
        private volatile long readyCpuMillis = -1;

        OutputWatcher(Process process) {
            super("bench-startup-output");
            this.process = process;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (readyNanos == 0 && READY.matcher(line).matches()) {
                        readyCpuMillis = process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
                        readyNanos = System.nanoTime();
                    }
                    synchronized (last) {
                        last.addLast(line);
                        if (last.size() > KEPT_LINES) {
                            last.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
        }

        long readyNanos() {
            return readyNanos;
        }

        /** CPU time of the hub process when the ready line came, or -1 when the system does not tell. */
        long readyCpuMillis() {
            return readyCpuMillis;
        }

        String lastLines() {
            synchronized (last) {
                return String.join("\n", last);
            }
        }
    }
}
