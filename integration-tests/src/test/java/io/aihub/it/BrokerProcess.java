package io.aihub.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * {@code ./aihub broker} as a child process: CORE acceptor only, on the given port and data directory, its
 * output in a log file. Shared by the broker configuration and broker kill tests.
 */
final class BrokerProcess {

    private BrokerProcess() {
    }

    static Process start(Path brokerData, int corePort, Path log) throws IOException {
        ProcessBuilder broker = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daihub.logDir=" + brokerData.resolveSibling("broker-logs"),
                "-cp", System.getProperty("java.class.path"),
                "io.aihub.routes.cli.AihubCli", "broker",
                "-Daihub.broker.dataDir=" + brokerData,
                "-Daihub.broker.corePort=" + corePort,
                "-Daihub.broker.amqpPort=0", "-Daihub.broker.stompPort=0", "-Daihub.broker.mqttPort=0"))
                .redirectOutput(log.toFile()).redirectErrorStream(true);
        // the broker's users, like an operator would give them: from the environment
        broker.environment().putAll(TestBrokerUsers.environment());
        return broker.start();
    }

    /** Waits up to 60 s for the broker's ready line; fails with its output if it exits first. */
    static void awaitReady(Process broker, Path log) throws Exception {
        try {
            Awaitility.await("broker ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !broker.isAlive()
                            || Files.readString(log, StandardCharsets.UTF_8).contains("aihub broker ready:"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("broker not ready within 60 s: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        if (!broker.isAlive()) {
            throw new AssertionError("broker exited with " + broker.exitValue() + ": "
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within 30 s. */
    static void stop(Process broker) throws InterruptedException {
        broker.destroy();
        if (!broker.waitFor(30, TimeUnit.SECONDS)) {
            broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGKILL: no shutdown hook runs, the journal is left as it was at that instant. */
    static void kill(Process broker) throws InterruptedException {
        broker.destroyForcibly();
        if (!broker.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("broker did not die within 30 s of SIGKILL");
        }
    }
}
