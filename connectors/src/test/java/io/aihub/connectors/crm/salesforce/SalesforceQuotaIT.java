package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.RetriableException;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.source.SourcePosition;
import io.aihub.connectors.contract.SourceDrain;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The org's daily API request limit: the source's reserve and the retriable quota errors. */
class SalesforceQuotaIT {

    private static SalesforceSimulator org(int accounts, long dailyLimit) {
        SalesforceSimulator sim = SalesforceSimulator.builder().accounts(accounts).dailyApiLimit(dailyLimit).build();
        sim.start();
        return sim;
    }

    private static SalesforceSourceTask source(SalesforceSimulator sim, String quotaReserve) {
        SalesforceSourceTask task = new SalesforceSourceConnector().createTask("crm",
                SalesforceTestConfigs.source(sim, SalesforceSourceConnector.QUOTA_RESERVE, quotaReserve));
        task.start(SourcePosition.START);
        return task;
    }

    @Test
    void shouldHoldBackWithQuotaReserveBeforeTheDailyLimitIsHit() {
        try (SalesforceSimulator sim = org(5000, 20); SalesforceSourceTask task = source(sim, "25")) {
            SourceDrain drain = new SourceDrain();
            RetriableException refused = null;
            for (int poll = 0; poll < 20 && refused == null; poll++) {
                try {
                    drain.poll(task, 1);
                } catch (RetriableException e) {
                    refused = e;
                }
            }

            assertThat(refused).isNotNull();
            assertThat(refused.code()).isEqualTo("SALESFORCE_QUOTA_RESERVE");
            assertThat(refused.getMessage()).contains("connector 'crm'", "25%");
            assertThat(sim.apiCallCount()).as("16 calls spent, 4 (< 25 % of 20) kept").isEqualTo(16);
            assertThat(task.apiUsage()).contains(new SalesforceApiUsage(16, 20));
            assertThat(drain.ids()).hasSize(16 * 200).doesNotHaveDuplicates();
            assertThatThrownBy(task::poll).isInstanceOfSatisfying(RetriableException.class,
                    e -> assertThat(e.code()).isEqualTo("SALESFORCE_QUOTA_RESERVE"));
            assertThat(sim.apiCallCount()).isEqualTo(16);
        }
    }

    @Test
    void shouldTreatRequestLimitExceededOnAPollAsRetriableAndContinueWhereItStopped() {
        try (SalesforceSimulator sim = org(1000, 15_000); SalesforceSourceTask task = source(sim, "10")) {
            SourceDrain drain = new SourceDrain().poll(task, 2);
            sim.failNextRequests(1, 403);

            assertThatThrownBy(task::poll).isInstanceOfSatisfying(RetriableException.class,
                    e -> assertThat(e.code()).isEqualTo("SALESFORCE_QUOTA"));
            drain.untilEmpty(task);

            assertThat(drain.ids()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(drain.ids())).isEqualTo(sim.accountIds());
        }
    }

    @Test
    void shouldFailTheWholeSinkBatchRetriablyOnRequestLimitExceeded() {
        try (SalesforceSimulator sim = org(600, 1);
                SalesforceSinkTask sink = new SalesforceSinkConnector().createTask("crm-out",
                        SalesforceTestConfigs.sink(sim))) {
            sink.start();
            List<String> ids = new ArrayList<>(sim.accountIds()).subList(0, 300);
            List<SinkRecord> batch = ids.stream().map(id -> new SinkRecord("evt-" + id, "Account", id, null,
                    Map.<String, Object>of("Churn_Score__c", 0.5))).toList();

            assertThatThrownBy(() -> sink.put(batch)).isInstanceOfSatisfying(RetriableException.class, e -> {
                assertThat(e.code()).isEqualTo("SALESFORCE_QUOTA");
                assertThat(e.getMessage()).contains("crm-out", "REQUEST_LIMIT_EXCEEDED");
            });
            assertThat(sim.writeLog()).as("the first call of 200 went through before the limit").hasSize(200);
        }
    }

    @Test
    void shouldWriteTheWholeBatchWhenRetriedAfterRequestLimitExceeded() {
        try (SalesforceSimulator sim = org(600, 15_000);
                SalesforceSinkTask sink = new SalesforceSinkConnector().createTask("crm-out",
                        SalesforceTestConfigs.sink(sim))) {
            sink.start();
            List<SinkRecord> batch = new ArrayList<>(sim.accountIds()).subList(0, 300).stream()
                    .map(id -> new SinkRecord("evt-" + id, "Account", id, null,
                            Map.<String, Object>of("Churn_Score__c", 0.5))).toList();
            sim.failNextRequests(1, 403);

            assertThatThrownBy(() -> sink.put(batch)).isInstanceOfSatisfying(RetriableException.class,
                    e -> assertThat(e.code()).isEqualTo("SALESFORCE_QUOTA"));
            List<SinkResult> retried = sink.put(batch);

            assertThat(retried).hasSize(300).allMatch(r -> r.status() == SinkStatus.WRITTEN);
            assertThat(sim.writeLog()).hasSize(300);
        }
    }
}
