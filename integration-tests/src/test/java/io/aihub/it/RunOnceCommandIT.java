package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aihub run --once} as a separate process on the demo profile (in-process simulated CRM with 5,000
 * accounts): exit code 0 and the summary as the last line; a second run publishes nothing; after
 * {@code aihub sim-edit --accounts 10} the next run publishes exactly those 10.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RunOnceCommandIT {

    @TempDir
    Path workDir;

    private record Run(int exit, List<String> lines) {
        String lastLine() {
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private Run aihub(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daihub.logDir=" + workDir.resolve("logs"),
                "-cp", System.getProperty("java.class.path"),
                "io.aihub.routes.cli.AihubCli"));
        command.addAll(List.of(args));
        if (args[0].equals("run")) {
            command.addAll(List.of(
                    "-Daihub.broker.corePort=" + HubHarness.freePort(),
                    "-Daihub.broker.amqpPort=" + HubHarness.freePort(),
                    "-Daihub.broker.stompPort=" + HubHarness.freePort(),
                    "-Daihub.broker.mqttPort=" + HubHarness.freePort(),
                    "-Dcamel.management.port=" + HubHarness.freePort(),
                    "-Daihub.models.dir=" + HubHarness.MODELS));
        }
        Path log = workDir.resolve("out-" + System.nanoTime() + ".txt");
        Process process = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(false).redirectOutput(log.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("aihub " + String.join(" ", args) + " did not finish in 4 minutes");
        }
        return new Run(process.exitValue(), Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    @Test
    void runOnceShouldScoreTheDemoCrmThenHoldItsWatermarkThenPickUpEdits() throws Exception {
        Run first = aihub("run", "--once");
        assertThat(first.exit()).as("exit code; output:%n%s", first.lines()).isZero();
        assertThat(first.lastLine()).isEqualTo(
                "summary: pulled=5000 scored=5000 published=5000 written_back=5000 bi_rows=5000 dead_lettered=0");
        assertThat(first.lines()).anyMatch(l -> l.contains("/observe/health"))
                .anyMatch(l -> l.startsWith("progress: "));

        Run second = aihub("run", "--once");
        assertThat(second.exit()).isZero();
        assertThat(second.lastLine()).isEqualTo(
                "summary: pulled=0 scored=0 published=0 written_back=0 bi_rows=0 dead_lettered=0");

        assertThat(aihub("sim-edit", "--accounts", "10").exit()).isZero();
        Run third = aihub("run", "--once");
        assertThat(third.exit()).isZero();
        assertThat(third.lastLine()).isEqualTo(
                "summary: pulled=10 scored=10 published=10 written_back=10 bi_rows=10 dead_lettered=0");
    }
}
