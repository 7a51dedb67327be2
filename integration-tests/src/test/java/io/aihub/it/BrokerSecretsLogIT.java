package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.routes.broker.Addresses;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker's passwords never reach the hub's output. A hub ({@code ./aihub run} as a child process, demo
 * simulators, TLS acceptors) gets every broker secret the way production does, from environment variables: the
 * hub's password masked as {@code ENC(...)}, a business system's password, the key store password. While it runs,
 * a business system reads its queue over TLS, a client tries the hub's user with a wrong password and the business
 * system tries to read the dead letters (both refused, so the broker logs security failures). Then the hub
 * stops, and neither its standard output, its standard error nor any file in its log folder holds any of the
 * passwords.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BrokerSecretsLogIT {

    private static final String ROUTE = "crm-account-churn";

    @TempDir
    Path workDir;

    @Test
    void noBrokerPasswordAppearsInTheHubsLogs() throws Exception {
        String keyStorePassword = "ks-" + TestBrokerUsers.HUB_PASSWORD.substring(0, 8) + System.nanoTime();
        Path keyStore = TestKeyStores.generate(workDir.resolve("broker.p12"), keyStorePassword);
        String maskedHubPassword = PasswordMaskingUtil.wrap(
                PasswordMaskingUtil.getDefaultCodec().encode(TestBrokerUsers.HUB_PASSWORD));
        int corePort = HubHarness.freePort();
        Path logs = workDir.resolve("logs");
        Path stdout = workDir.resolve("stdout.txt");
        Path stderr = workDir.resolve("stderr.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daihub.logDir=" + logs,
                // the hub's own logging configuration (console and log file), not the tests' console-only one
                "-Dlog4j2.configurationFile=" + Path.of("..", "routes", "src", "main", "resources", "log4j2.xml")
                        .toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"),
                "io.aihub.routes.cli.AihubCli", "run", "--progress-interval", "PT0.5S",
                "-Daihub.dataDir=" + workDir.resolve("data"),
                "-Daihub.simulators.salesforce.accounts=50",
                "-Daihub.models.dir=" + HubHarness.MODELS,
                "-Daihub.broker.corePort=" + corePort,
                "-Daihub.broker.amqpPort=0", "-Daihub.broker.stompPort=0", "-Daihub.broker.mqttPort=0",
                "-Daihub.broker.tls.enabled=true",
                "-Daihub.broker.tls.keyStorePath=" + keyStore,
                "-Dcamel.management.port=" + HubHarness.freePort(),
                "-Dcamel.server.port=" + HubHarness.freePort()))
                .directory(workDir.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(TestBrokerUsers.environment());
        env.put("AIHUB_BROKER_PASSWORD", maskedHubPassword);
        env.put("AIHUB_BROKER_TLS_KEYSTOREPASSWORD", keyStorePassword);
        Process hub = builder.start();
        String tls = "tcp://127.0.0.1:" + corePort + "?sslEnabled=true&trustStoreType=PKCS12&trustStorePath="
                + keyStore + "&trustStorePassword=" + keyStorePassword + "&reconnectAttempts=0";
        try {
            Awaitility.await("hub running").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !hub.isAlive() || Files.readString(stdout).contains("progress:"));
            assertThat(hub.isAlive()).as("hub running: " + Files.readString(stdout) + Files.readString(stderr))
                    .isTrue();
            try (ActiveMQConnectionFactory salesOps = TestBrokerUsers.salesOps(tls);
                    Connection connection = salesOps.createConnection()) {
                connection.start();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                assertThat(session.createConsumer(session.createQueue(Addresses.subscriberFqqn(ROUTE, "sales-ops")))
                        .receive(30_000)).as("sales-ops reads its queue over TLS").isNotNull();
                assertThatThrownBy(() -> session.createConsumer(session.createQueue(Addresses.deadLetter(ROUTE))))
                        .as("sales-ops reading the dead letters").isInstanceOf(JMSSecurityException.class);
            }
            try (ActiveMQConnectionFactory wrong = new ActiveMQConnectionFactory(tls, TestBrokerUsers.HUB_USER,
                    TestBrokerUsers.SALES_OPS_PASSWORD)) {
                assertThatThrownBy(() -> wrong.createConnection().close()).as("hub user, wrong password")
                        .isInstanceOf(JMSSecurityException.class);
            }
        } finally {
            hub.destroy();
            if (!hub.waitFor(60, TimeUnit.SECONDS)) {
                hub.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(logs.resolve("aihub.log")).as("the hub's log file").exists();
        List<Path> outputs = new ArrayList<>(List.of(stdout, stderr));
        try (Stream<Path> files = Files.walk(logs)) {
            files.filter(Files::isRegularFile).forEach(outputs::add);
        }
        String all = read(outputs);
        assertThat(Files.readString(logs.resolve("aihub.log"))).as("the log file holds the broker's start line and the "
                + "refused login").contains("AIHUB-BROKER-0001").contains("AMQ229031");
        for (String secret : List.of(TestBrokerUsers.HUB_PASSWORD, maskedHubPassword,
                TestBrokerUsers.SALES_OPS_PASSWORD, keyStorePassword)) {
            assertThat(all).as("hub output " + outputs).doesNotContain(secret);
        }
    }

    private static String read(List<Path> files) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : files) {
            all.append(Files.readString(file, StandardCharsets.ISO_8859_1)).append('\n');
        }
        return all.toString();
    }
}
