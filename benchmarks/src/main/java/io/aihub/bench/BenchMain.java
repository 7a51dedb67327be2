package io.aihub.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Entry point of {@code ./aihub bench}: runs the benchmark once and prints its figures. */
@Command(name = "aihub bench", mixinStandardHelpOptions = true,
        description = "Measures the hub end to end on an in-process source, and the raw limits of its parts "
                + "(plain JMS, the model alone, plain JDBC), in one run on the same records; then the latency of "
                + "signed webhooks at a fixed rate. Microbenchmarks: ./aihub bench jmh.")
public final class BenchMain implements Callable<Integer> {

    @Option(names = "--records", defaultValue = "200000", description = "Records per part (default ${DEFAULT-VALUE}).")
    long records;

    @Option(names = "--page-size", defaultValue = "500",
            description = "Records per page, JMS transaction, model call and JDBC batch (default ${DEFAULT-VALUE}).")
    int pageSize;

    @Option(names = "--warmup", defaultValue = "-1",
            description = "Records through the hub and each raw part before timing, figures discarded (default: a"
                    + " quarter of --records, at most 20,000; 0 skips the warm-up).")
    long warmupRecords;

    @Option(names = "--models", description = "The models folder (default: $AIHUB_MODELS_DIR, else ./models).")
    Path models;

    @Option(names = "--results", defaultValue = "benchmarks/results",
            description = "Where the JSON result goes (default ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--work-dir", description = "Scratch folder for broker and databases (default: a new temp folder).")
    Path workDir;

    @Option(names = "--timeout", defaultValue = "1800", description = "Seconds each part may take (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--webhook-rate", defaultValue = "500",
            description = "Signed webhook events per second in the webhook latency run (default ${DEFAULT-VALUE}).")
    int webhookRate;

    @Option(names = "--webhook-seconds", defaultValue = "60",
            description = "Seconds the webhook latency run sends; 0 skips it (default ${DEFAULT-VALUE}).")
    int webhookSeconds;

    @Option(names = "--webhook-warmup", defaultValue = "5",
            description = "Seconds of webhook events sent first, left out of the figures (default ${DEFAULT-VALUE}).")
    int webhookWarmup;

    @Option(names = "--webhook-max-batch", defaultValue = "0",
            description = "The webhook route's maxBatch (default: the score-events template's).")
    int webhookMaxBatch;

    @Option(names = "--webhook-max-wait", defaultValue = "-1",
            description = "The webhook route's maxWait in ms (default: the score-events template's).")
    long webhookMaxWait;

    @Option(names = "--db", defaultValue = "h2", converter = BenchDbConverter.class,
            description = "Database of the BI sink and the raw JDBC part: h2 or postgres (a PostgreSQL server "
                    + "started for the run). Default ${DEFAULT-VALUE}.")
    BenchDb db;

    @Option(names = "--heap", paramLabel = "SIZE",
            description = "Runs the benchmark in a child JVM with this maximum heap (-Xmx, e.g. 512m) that stops at "
                    + "the first OutOfMemoryError (exit code 3).")
    String heap;

    @Option(names = "--startup", description = "Measures instead how long ./aihub run takes to be ready.")
    boolean startup;

    @Option(names = "--startup-runs", defaultValue = "3",
            description = "With --startup: timed starts, the median is reported (default ${DEFAULT-VALUE}).")
    int startupRuns;

    @Option(names = "--launcher", defaultValue = "aihub",
            description = "With --startup: the launcher script (default ${DEFAULT-VALUE}, in the repository).")
    Path launcher;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new BenchMain()).execute(args);
        System.exit(exit);
    }

    @Override
    public Integer call() throws Exception {
        if (heap != null) {
            List<String> command = HeapCappedRun.command(heap, Path.of(System.getProperty("java.home")),
                    System.getProperty("java.class.path"), ManagementFactory.getRuntimeMXBean().getInputArguments(),
                    spec.commandLine().getParseResult().originalArgs());
            return HeapCappedRun.run(command, heap, System.out, System.err);
        }
        Path work = workDir != null ? workDir : Files.createTempDirectory("aihub-bench-");
        if (System.getProperty("aihub.logDir") == null) {
            System.setProperty("aihub.logDir", work.resolve("logs").toString());
        }
        Path modelsDir = models != null ? models
                : Path.of(System.getenv().getOrDefault("AIHUB_MODELS_DIR", "models"));
        try {
            if (startup) {
                new StartupBench(launcher, modelsDir, work, results.toAbsolutePath(), startupRuns,
                        Duration.ofSeconds(timeoutSeconds), System.out).run();
            } else {
                BenchSettings settings = new BenchSettings(records, pageSize, modelsDir.toAbsolutePath(),
                        results.toAbsolutePath(), work, Duration.ofSeconds(2), Duration.ofSeconds(timeoutSeconds),
                        System.out, db);
                new BenchRun(settings, new WebhookSettings(webhookRate, webhookSeconds, webhookWarmup,
                        webhookMaxBatch, webhookMaxWait))
                        .warmup(warmupRecords >= 0 ? warmupRecords : Math.min(20_000, records / 4)).run();
            }
        } finally {
            if (workDir == null) {
                deleteQuietly(work);
            }
        }
        return 0;
    }

    /** Reads {@code --db}. */
    static final class BenchDbConverter implements CommandLine.ITypeConverter<BenchDb> {
        @Override
        public BenchDb convert(String value) {
            return BenchDb.parse(value);
        }
    }

    /** Deletes the temp folder this run made (broker journal and databases can be large). */
    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
