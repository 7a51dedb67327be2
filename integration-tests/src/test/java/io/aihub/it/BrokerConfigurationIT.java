package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.HubApplication;
import io.aihub.routes.broker.BrokerConfigCheck;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the effective configuration of the running broker, embedded and standalone ({@code ./aihub broker}),
 * after the hub declared its routes, and fails on any address without a dead-letter or expiry address (with a
 * queue), any DROP policy, unbounded paging, redelivery without back-off, or no disk limit.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrokerConfigurationIT {

    @TempDir
    Path dataDir;

    @Test
    void embeddedBrokerOfARunningHubKeepsEveryMessage() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(100).seed(3L).build()) {
            crm.start();
            HubHarness harness = new HubHarness(dataDir, crm.baseUrl());
            HubApplication app = harness.application();
            app.start();
            try {
                assertThat(app.awaitIdle(Duration.ofMinutes(1))).isTrue();
                List<String> problems = BrokerConfigCheck.check("tcp://127.0.0.1:" + harness.corePort,
                        TestBrokerUsers.HUB_USER, TestBrokerUsers.HUB_PASSWORD);
                assertThat(problems).isEmpty();
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void standaloneBrokerProcessKeepsEveryMessageOfAHubUsingItByUrl() throws Exception {
        int corePort = HubHarness.freePort();
        Path log = dataDir.resolve("broker.log");
        Process broker = BrokerProcess.start(dataDir.resolve("broker"), corePort, log);
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(100).seed(4L).build()) {
            BrokerProcess.awaitReady(broker, log);
            crm.start();
            HubHarness harness = new HubHarness(dataDir.resolve("hub"), crm.baseUrl())
                    .with("aihub.broker.url", "tcp://127.0.0.1:" + corePort);
            HubApplication app = harness.application();
            app.start();
            try {
                assertThat(app.awaitIdle(Duration.ofMinutes(1))).isTrue();
                assertThat(app.totals().published()).isEqualTo(100);
                List<String> problems = BrokerConfigCheck.check("tcp://127.0.0.1:" + corePort,
                        TestBrokerUsers.HUB_USER, TestBrokerUsers.HUB_PASSWORD);
                assertThat(problems).isEmpty();
                assertThat(BrokerConfigCheck.deadLetterAddress("tcp://127.0.0.1:" + corePort,
                        TestBrokerUsers.HUB_USER, TestBrokerUsers.HUB_PASSWORD,
                        "aihub.predictions.crm-account-churn")).isEqualTo("aihub.dlq.crm-account-churn");
            } finally {
                app.stop();
            }
        } finally {
            BrokerProcess.stop(broker);
        }
    }

    @Test
    void checkReportsABrokerThatWouldDropMessages() throws Exception {
        int port = HubHarness.freePort();
        var config = new ConfigurationImpl().setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("core", "tcp://127.0.0.1:" + port)
                .addAddressSetting("careless.#", new AddressSettings()
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.DROP));
        EmbeddedActiveMQ careless = new EmbeddedActiveMQ().setConfiguration(config);
        careless.start();
        try {
            careless.getActiveMQServer().addAddressInfo(
                    new org.apache.activemq.artemis.core.server.impl.AddressInfo("careless.orders"));
            List<String> problems = BrokerConfigCheck.check("tcp://127.0.0.1:" + port, null, null);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            java.io.PrintStream original = System.out;
            System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            int exit;
            try {
                exit = new picocli.CommandLine(new io.aihub.routes.cli.AihubCli()).execute("broker", "--check",
                        "tcp://127.0.0.1:" + port);
            } finally {
                System.setOut(original);
            }
            assertThat(exit).as("./aihub broker --check exit code").isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("problem: address careless.orders: address-full-policy DROP discards messages");
            assertThat(problems).contains(
                    "address careless.orders: no dead-letter address",
                    "address careless.orders: no expiry address",
                    "address careless.orders: address-full-policy DROP discards messages");
            assertThat(problems).anyMatch(p -> p.startsWith("address careless.orders: redelivery has no delay"));
            assertThat(problems).anyMatch(p -> p.startsWith("broker: security is disabled"))
                    .anyMatch(p -> p.startsWith("broker: a login without user name and password is accepted"));
        } finally {
            careless.stop();
        }
    }
}
