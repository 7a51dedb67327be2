package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.model.LoadedModel;
import io.aihub.model.ModelRegistry;
import io.aihub.routes.HubApplication;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.aihub.simulators.model.KServeV2Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outages of the systems around the hub: the model server down for a while (default 30 s,
 * {@code -Daihub.it.outage.seconds}), and the CRM failing and throttling while predictions are written back.
 * Nothing is lost, nothing is invalid, nothing is written twice, and the backlog drains once they are back.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class OutagesIT {

    private static final long OUTAGE_SECONDS = Long.getLong("aihub.it.outage.seconds", 30);

    @TempDir
    Path dir;

    @Test
    void modelServerDownForAWhileLosesNothingAndTheBacklogDrains() throws Exception {
        try (LoadedModel onnx = ModelRegistry.load(HubHarness.MODELS, "churn", "1.0.0");
                SalesforceSimulator crm = SalesforceSimulator.builder().accounts(3000).seed(21L).build();
                KServeV2Simulator kserve = KServeV2Simulator.builder().scorer(row -> TestModels.probabilities(onnx, row)).start()) {
            crm.start();
            TestModels.kserveChurn(dir.resolve("models"), kserve.baseUrl(),
                    "resilience:\n  retry:\n    maxAttempts: 2\n  circuitBreaker:\n    waitInOpenState: 2s\n");
            HubHarness harness = new HubHarness(dir.resolve("hub"), crm.baseUrl())
                    .with("aihub.models.dir", dir.resolve("models").toString())
                    .with("aihub.route.crm-account-churn.maxBackoff", "2000");
            HubApplication app = harness.application();
            app.start();
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> app.totals().pulled() >= 600);
                kserve.goDown();
                long pulledAtOutage = app.totals().pulled();
                // While the model is down, nothing new is committed as pulled beyond the page in flight.
                await().during(Duration.ofSeconds(OUTAGE_SECONDS)).atMost(Duration.ofSeconds(OUTAGE_SECONDS + 10))
                        .until(() -> app.totals().pulled() <= pulledAtOutage + 200);
                kserve.comeBack();
                assertThat(app.awaitIdle(Duration.ofMinutes(3))).as("backlog drained").isTrue();
                assertThat(app.totals().pulled()).isEqualTo(3000);
                assertThat(app.totals().deadLettered()).isZero();
                Map<String, Integer> rows = CrmAccountChurnIT.biRowsPerRecord(app);
                assertThat(rows.keySet()).isEqualTo(crm.accountIds());
                assertThat(rows.values()).allMatch(n -> n == 1);
                assertThat(app.runtime().counters().route("crm-account-churn").pageFailures.sum())
                        .as("pages that waited for the model").isPositive();
            } finally {
                app.stop();
            }
        }
    }

    @Test
    void crmOutageAndThrottlingDuringWriteBackLoseNoWriteAndWriteNothingTwice() throws Exception {
        long dailyLimit = 5_000;
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(3000).seed(22L)
                .dailyApiLimit(dailyLimit).build()) {
            crm.start();
            HubHarness harness = new HubHarness(dir.resolve("crm"), crm.baseUrl());
            HubApplication app = harness.application();
            app.start();
            try {
                await().atMost(Duration.ofMinutes(1)).until(() -> !crm.writeLog().isEmpty());
                crm.failNextRequests(6, 503);
                // Retries back off (up to 30 s between attempts of a subscriber batch), so allow for it.
                await().atMost(Duration.ofMinutes(3)).until(() -> crm.writeLog().size() >= 1200);
                crm.failNextRequests(4, 403);
                assertThat(app.awaitIdle(Duration.ofMinutes(3))).as("drained").isTrue();

                List<String> writes = new ArrayList<>();
                crm.writeLog().forEach(w -> writes.add(w.recordId()));
                assertThat(Set.copyOf(writes)).as("every account written back").isEqualTo(crm.accountIds());
                assertThat(writes).as("no account written twice").doesNotHaveDuplicates();
                assertThat(app.totals().deadLettered()).isZero();
                assertThat(app.totals().writtenBack()).isEqualTo(3000);
                assertThat(crm.apiCallCount()).as("API calls, against a daily limit of " + dailyLimit)
                        .isLessThan(dailyLimit / 10);
            } finally {
                app.stop();
            }
        }
    }
}
