package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SalesforceSinkTaskIT {

    private SalesforceSimulator sim;
    private SalesforceSinkTask sink;
    private List<String> ids;

    @BeforeEach
    void startOrgAndSink() {
        sim = SalesforceSimulator.builder().accounts(600).build();
        sim.start();
        ids = new ArrayList<>(sim.accountIds());
        sink = new SalesforceSinkConnector().createTask("crm-out", SalesforceTestConfigs.sink(sim));
        sink.start();
    }

    @AfterEach
    void stopSinkAndOrg() {
        sink.stop();
        sim.close();
    }

    private static SinkRecord score(String id, double score) {
        return new SinkRecord("evt-" + id, "Account", id, null,
                Map.of("Churn_Score__c", score, "Churn_Risk__c", score > 0.5 ? "High" : "Low"));
    }

    @Test
    void shouldWriteFourHundredFiftyRecordsInThreeCallsOfAtMostTwoHundred() {
        List<SinkRecord> batch = ids.subList(0, 450).stream().map(id -> score(id, 0.7)).toList();
        long callsBefore = sim.apiCallCount();

        List<SinkResult> results = sink.put(batch);

        assertThat(sim.apiCallCount() - callsBefore).isEqualTo(3);
        assertThat(results).extracting(SinkResult::recordId).containsExactlyElementsOf(ids.subList(0, 450));
        assertThat(results).allMatch(r -> r.status() == SinkStatus.WRITTEN);
        List<String> logged = sim.writeLog().stream().map(SalesforceSimulator.WriteEvent::recordId).toList();
        assertThat(logged).doesNotHaveDuplicates();
        assertThat(new HashSet<>(logged)).isEqualTo(new HashSet<>(ids.subList(0, 450)));
        assertThat(sim.account(ids.get(449))).containsEntry("Churn_Score__c", 0.7)
                .containsEntry("Churn_Risk__c", "High")
                .containsEntry("LastModifiedById", SalesforceSimulator.INTEGRATION_USER_ID);
    }

    @Test
    void shouldRejectADeletedRecordWithEntityIsDeletedAndWriteTheRest() {
        sim.deleteAccount(ids.get(1));

        List<SinkResult> results = sink.put(List.of(score(ids.get(0), 0.1), score(ids.get(1), 0.2),
                score(ids.get(2), 0.3)));

        assertThat(results).extracting(SinkResult::status).containsExactly(SinkStatus.WRITTEN, SinkStatus.REJECTED,
                SinkStatus.WRITTEN);
        assertThat(results.get(1).code()).isEqualTo("ENTITY_IS_DELETED");
        assertThat(results.get(1).recordId()).isEqualTo(ids.get(1));
        assertThat(sim.writeLog()).extracting(SalesforceSimulator.WriteEvent::recordId)
                .containsExactly(ids.get(0), ids.get(2));
    }

    @Test
    void shouldRejectFieldsOffTheAllowListWithoutSendingThem() {
        SinkRecord sneaky = new SinkRecord("evt-x", "Account", ids.get(5), null,
                Map.of("Churn_Score__c", 0.4, "Name", "Renamed"));
        long callsBefore = sim.apiCallCount();

        List<SinkResult> onlyRefused = sink.put(List.of(sneaky));
        List<SinkResult> mixed = sink.put(List.of(score(ids.get(6), 0.9), sneaky));

        assertThat(onlyRefused).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(r.code()).isEqualTo("FIELD_NOT_ALLOWED");
            assertThat(r.reason()).contains("Name").doesNotContain("Renamed");
        });
        assertThat(mixed).extracting(SinkResult::status).containsExactly(SinkStatus.WRITTEN, SinkStatus.REJECTED);
        assertThat(sim.apiCallCount() - callsBefore).isEqualTo(1);
        assertThat(sim.writeLog()).extracting(SalesforceSimulator.WriteEvent::recordId).containsExactly(ids.get(6));
        assertThat(sim.account(ids.get(5)).get("Name")).isNotEqualTo("Renamed");
    }

    @Test
    void shouldMapPerRecordErrorsToRejectedOrRetriable() {
        sim.failWrites(ids.get(0), "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record");
        sim.failWrites(ids.get(1), "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Score must be set by the model");

        List<SinkResult> results = sink.put(List.of(score(ids.get(0), 0.1), score(ids.get(1), 0.1),
                score("001bogus", 0.1), new SinkRecord("evt-c", "Contact", ids.get(3), null, Map.of("x", 1)),
                score(ids.get(4), 0.1)));

        assertThat(results).extracting(SinkResult::status).containsExactly(SinkStatus.RETRIABLE_FAILURE,
                SinkStatus.REJECTED, SinkStatus.REJECTED, SinkStatus.REJECTED, SinkStatus.WRITTEN);
        assertThat(results).extracting(SinkResult::code).containsExactly("UNABLE_TO_LOCK_ROW",
                "FIELD_CUSTOM_VALIDATION_EXCEPTION", "MALFORMED_ID", "ENTITY_NOT_CONFIGURED", null);
        assertThat(results.get(1).reason()).doesNotContain("Score must be set");
        assertThat(results).extracting(SinkResult::recordId).containsExactly(ids.get(0), ids.get(1), "001bogus",
                ids.get(3), ids.get(4));
    }

    @Test
    void shouldLeaveRecordsAsOneWriteWouldWhenTheSameBatchIsWrittenTwice() {
        List<SinkRecord> batch = List.of(score(ids.get(0), 0.25), score(ids.get(1), 0.75));

        sink.put(batch);
        Map<String, Object> once = sim.account(ids.get(0));
        List<SinkResult> again = sink.put(batch);

        assertThat(again).allMatch(SinkResult::isSuccess);
        assertThat(sim.account(ids.get(0))).containsEntry("Churn_Score__c", once.get("Churn_Score__c"))
                .containsEntry("Churn_Risk__c", once.get("Churn_Risk__c"));
    }

    @Test
    void shouldFailToStartWithBadCredentials() {
        SalesforceSinkTask bad = new SalesforceSinkConnector().createTask("crm-out",
                SalesforceTestConfigs.sink(sim, "clientSecret", "not-the-secret"));

        assertThatThrownBy(bad::start).isInstanceOfSatisfying(PermanentException.class, e -> {
            assertThat(e.code()).isEqualTo("SALESFORCE_AUTH");
            assertThat(e.getMessage()).contains("crm-out").doesNotContain("not-the-secret");
        });
        bad.stop();
    }

    @Test
    void shouldNotWriteARedeliveredRecordAgainWhenItAlreadyHoldsTheValues() {
        List<SinkRecord> first = ids.subList(0, 10).stream().map(id -> score(id, 0.7)).toList();
        assertThat(sink.put(first)).allMatch(r -> r.status() == SinkStatus.WRITTEN);
        int writesBefore = sim.writeLog().size();

        // Redelivered after a crash: 8 already hold their values, 2 carry a newer score (a later version).
        List<SinkRecord> again = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            again.add((i < 8 ? score(ids.get(i), 0.7) : score(ids.get(i), 0.2)).asRedelivered());
        }
        long callsBefore = sim.apiCallCount();
        List<SinkResult> results = sink.put(again);

        assertThat(results.subList(0, 8)).allMatch(r -> r.status() == SinkStatus.SKIPPED_UNCHANGED);
        assertThat(results.subList(8, 10)).allMatch(r -> r.status() == SinkStatus.WRITTEN);
        assertThat(sim.writeLog().subList(writesBefore, sim.writeLog().size()))
                .extracting(SalesforceSimulator.WriteEvent::recordId).containsExactlyInAnyOrder(ids.get(8), ids.get(9));
        assertThat(sim.apiCallCount() - callsBefore).as("one pre-read and one write").isEqualTo(2);
        assertThat(sim.account(ids.get(9))).containsEntry("Churn_Score__c", 0.2);
    }

    @Test
    void shouldNotPreReadRecordsDeliveredForTheFirstTime() {
        long callsBefore = sim.apiCallCount();
        sink.put(ids.subList(0, 5).stream().map(id -> score(id, 0.4)).toList());
        assertThat(sim.apiCallCount() - callsBefore).isEqualTo(1);
    }
}
