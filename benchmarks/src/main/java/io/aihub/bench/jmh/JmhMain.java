package io.aihub.bench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code ./aihub bench jmh}: runs the microbenchmarks of this package with JMH (short settings by
 * default: one fork, 3 warm-up and 5 measured iterations of 1 s each), prints JMH's report and then one line per
 * benchmark, and writes JMH's JSON result next to the end-to-end results.
 */
@Command(name = "aihub bench jmh", mixinStandardHelpOptions = true,
        description = "JMH microbenchmarks of the hub's per-record steps: feature mapping, envelope build, write "
                + "and read, event id hashing, and the ONNX model call.")
public final class JmhMain implements Callable<Integer> {

    /** The benchmarks of this package, as a JMH include pattern. */
    static final String ALL = "^io\\.aihub\\.bench\\.jmh\\.";

    @Option(names = "--include", defaultValue = ALL,
            description = "Regular expression over benchmark names (default: every benchmark of io.aihub.bench.jmh).")
    String include;

    @Option(names = "--forks", defaultValue = "1", description = "JVM forks per benchmark; 0 runs in this JVM "
            + "(default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--warmup-iterations", defaultValue = "3",
            description = "Warm-up iterations (default ${DEFAULT-VALUE}).")
    int warmupIterations;

    @Option(names = "--warmup-ms", defaultValue = "1000", description = "Milliseconds per warm-up iteration "
            + "(default ${DEFAULT-VALUE}).")
    long warmupMillis;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured iterations (default ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--iteration-ms", defaultValue = "1000", description = "Milliseconds per measured iteration "
            + "(default ${DEFAULT-VALUE}).")
    long iterationMillis;

    @Option(names = "--models", description = "The models folder (default: $AIHUB_MODELS_DIR, else ./models).")
    Path models;

    @Option(names = "--results", defaultValue = "benchmarks/results",
            description = "Where the JSON result goes (default ${DEFAULT-VALUE}).")
    Path results;

    PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(new CommandLine(new JmhMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        run();
        return 0;
    }

    /**
     * Runs the benchmarks, prints one line per result and the JSON's path, and returns the results. The hub's logs
     * (models loading) go to {@code aihub.logDir}, else to a temp folder deleted afterwards.
     */
    Collection<RunResult> run() throws Exception {
        Path modelsDir = models != null ? models.toAbsolutePath() : JmhFixtures.modelsDir();
        System.setProperty(JmhFixtures.MODELS_PROPERTY, modelsDir.toString());
        Path tempLogs = null;
        if (System.getProperty("aihub.logDir") == null) {
            tempLogs = Files.createTempDirectory("aihub-jmh-logs-");
            System.setProperty("aihub.logDir", tempLogs.toString());
        }
        try {
            return run(modelsDir);
        } finally {
            if (tempLogs != null) {
                deleteQuietly(tempLogs);
            }
        }
    }

    private Collection<RunResult> run(Path modelsDir) throws Exception {
        Files.createDirectories(results);
        Path json = results.toAbsolutePath().resolve("jmh-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(forks)
                .warmupIterations(warmupIterations)
                .warmupTime(TimeValue.milliseconds(warmupMillis))
                .measurementIterations(iterations)
                .measurementTime(TimeValue.milliseconds(iterationMillis))
                .jvmArgsAppend("-D" + JmhFixtures.MODELS_PROPERTY + "=" + modelsDir,
                        "-Daihub.logDir=" + System.getProperty("aihub.logDir"))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        Collection<RunResult> runs = new Runner(options.build()).run();
        for (String line : lines(runs)) {
            out.println(line);
        }
        out.println("results: " + json);
        out.flush();
        return runs;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench jmh: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** One line per benchmark: {@code jmh.<class>.<method>[params]: <score> ± <error> <unit>}. */
    static List<String> lines(Collection<RunResult> runs) {
        List<String> lines = new ArrayList<>();
        for (RunResult run : runs) {
            var params = run.getParams();
            String name = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.',
                    params.getBenchmark().lastIndexOf('.') - 1) + 1);
            List<String> values = new ArrayList<>();
            for (String key : params.getParamsKeys()) {
                values.add(key + "=" + params.getParam(key));
            }
            Result<?> primary = run.getPrimaryResult();
            lines.add(String.format("jmh.%s%s: %.3f ± %.3f %s", name, values.isEmpty() ? "" : values.toString(),
                    primary.getScore(), Double.isNaN(primary.getScoreError()) ? 0.0 : primary.getScoreError(),
                    primary.getScoreUnit()));
        }
        return lines;
    }
}
