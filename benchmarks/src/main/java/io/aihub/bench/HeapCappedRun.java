package io.aihub.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code ./aihub bench --heap SIZE}: the same benchmark in a child JVM whose heap is capped at {@code SIZE}
 * ({@code -Xmx}) and which ends at the first {@code OutOfMemoryError} ({@code -XX:+ExitOnOutOfMemoryError})
 * instead of limping on. Everything the run holds is in that heap: the hub, the embedded broker, H2, the
 * business subscriber and the benchmark's own bookkeeping. The child prints the figures; this process passes
 * its error output through, watching for the error, and exits with the child's code.
 */
final class HeapCappedRun {

    /** Exit code of a run that ran out of heap (the JVM's own code for {@code ExitOnOutOfMemoryError}). */
    static final int OUT_OF_MEMORY = 3;

    private static final Pattern SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
    /** What the JVM prints when {@code ExitOnOutOfMemoryError} ends it. */
    private static final String OOM = "Terminating due to java.lang.OutOfMemoryError";

    private HeapCappedRun() {
    }

    /**
     * The child's command line: this JVM's options without its heap sizes, the cap, then the benchmark with the
     * same arguments except {@code --heap}.
     *
     * @param heap      the cap, e.g. {@code 512m}
     * @param javaHome  the JDK to run ({@code java.home})
     * @param classPath the benchmark's class path
     * @param jvmArgs   this JVM's options
     * @param benchArgs this run's arguments, {@code --heap} included
     */
    static List<String> command(String heap, Path javaHome, String classPath, List<String> jvmArgs,
            List<String> benchArgs) {
        if (!SIZE.matcher(heap).matches()) {
            throw new IllegalArgumentException("--heap takes a size like 512m or 2g, not '" + heap + "'");
        }
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin").resolve("java").toString());
        for (String arg : jvmArgs) {
            if (!arg.startsWith("-Xmx") && !arg.startsWith("-Xms") && !arg.startsWith("-XX:MaxHeapSize")
                    && !arg.startsWith("-XX:MaxRAM") && !arg.startsWith("-XX:InitialRAM")
                    && !arg.startsWith("-XX:MinRAM")) {
                command.add(arg);
            }
        }
        command.add("-Xmx" + heap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-cp");
        command.add(classPath);
        command.add(BenchMain.class.getName());
        for (int i = 0; i < benchArgs.size(); i++) {
            String arg = benchArgs.get(i);
            if (arg.equals("--heap")) {
                i++;
            } else if (!arg.startsWith("--heap=")) {
                command.add(arg);
            }
        }
        return command;
    }

    /** Runs the child to its end; returns its exit code ({@link #OUT_OF_MEMORY} when it ran out of heap). */
    static int run(List<String> command, String heap, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        out.println("bench: running in a child JVM with -Xmx" + heap
                + " that stops at the first OutOfMemoryError (hub, broker, database, subscriber and bench share it)");
        out.flush();
        Process child = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        Thread stopChild = new Thread(child::destroy, "bench-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        boolean outOfMemory = false;
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                err.println(line);
                outOfMemory |= line.contains(OOM);
            }
        }
        int exit = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        if (outOfMemory || exit == OUT_OF_MEMORY) {
            err.println("bench: OutOfMemoryError: the run did not fit in -Xmx" + heap);
            return OUT_OF_MEMORY;
        }
        return exit;
    }
}
