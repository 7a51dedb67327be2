package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.error.RetriableException;
import io.aihub.routes.HubApplication;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page whose publish fails is rewound and retried by the source with back-off; it is counted once,
 * published once, and nothing after it is skipped.
 */
@Timeout(value = 3, unit = java.util.concurrent.TimeUnit.MINUTES)
class PageRetryIT {

    @TempDir
    Path dataDir;

    @Test
    void aPageThatFailsToPublishShouldBeRetriedAndCountedOnce() throws Exception {
        try (SalesforceSimulator crm = SalesforceSimulator.builder().accounts(1000).seed(9L).build()) {
            crm.start();
            HubHarness harness = new HubHarness(dataDir, crm.baseUrl()).with("camel.main.autoStartup", "false");
            HubApplication app = harness.application();
            app.start();
            try {
                AtomicInteger publishCalls = new AtomicInteger();
                AdviceWith.adviceWith(app.camelContext(), "crm-account-churn", route -> route
                        .weaveByToUri("aihub-publish:*").before().process(exchange -> {
                            int call = publishCalls.incrementAndGet();
                            if (call == 2 || call == 3) {
                                throw new RetriableException("TEST_BROKER_DOWN", "injected failure " + call);
                            }
                        }));
                app.camelContext().getRouteController().startAllRoutes();

                assertThat(app.awaitIdle(Duration.ofMinutes(2))).isTrue();

                assertThat(publishCalls.get()).as("5 pages + 2 failed attempts").isEqualTo(7);
                assertThat(app.totals().summaryLine()).isEqualTo("summary: pulled=1000 scored=1000 published=1000 "
                        + "written_back=1000 bi_rows=1000 dead_lettered=0");
                assertThat(app.runtime().counters().route("crm-account-churn").pageFailures.sum()).isEqualTo(2);
                assertThat(CrmAccountChurnIT.biRowsPerRecord(app)).containsOnlyKeys(Set.copyOf(crm.accountIds()));
                List<String> written = crm.writeLog().stream().map(SalesforceSimulator.WriteEvent::recordId).toList();
                assertThat(written).hasSize(1000).doesNotHaveDuplicates();
            } finally {
                app.stop();
            }
        }
    }
}
