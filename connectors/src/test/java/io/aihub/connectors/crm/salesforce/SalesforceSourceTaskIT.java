package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.aihub.api.sink.SinkRecord;
import io.aihub.connectors.contract.SourceDrain;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SalesforceSourceTaskIT {

    private static final SalesforceSourceConnector SOURCE = new SalesforceSourceConnector();
    private static SalesforceSimulator seeded;

    @BeforeAll
    static void startSeededOrg() {
        seeded = SalesforceSimulator.builder().accounts(5000).build();
        seeded.start();
    }

    @AfterAll
    static void stopSeededOrg() {
        seeded.close();
    }

    private static SalesforceSimulator org(int accounts) {
        SalesforceSimulator sim = SalesforceSimulator.builder().accounts(accounts).build();
        sim.start();
        return sim;
    }

    private static SalesforceSourceTask task(SalesforceSimulator sim, SourcePosition from, String... overrides) {
        SalesforceSourceTask task = SOURCE.createTask("crm", SalesforceTestConfigs.source(sim, overrides));
        task.start(from);
        return task;
    }

    @Test
    void shouldReadEverySeededAccountExactlyOnceInStampThenIdOrder() {
        SourceDrain drain;
        try (SalesforceSourceTask task = task(seeded, SourcePosition.START)) {
            drain = new SourceDrain().untilEmpty(task);
        }

        List<String> ids = drain.ids();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(seeded.accountIds());
        assertThat(drain.pages).hasSize(26).allSatisfy(p -> assertThat(p.records().size()).isLessThanOrEqualTo(200));
        assertThat(drain.pages.subList(0, 24)).allMatch(SourcePage::hasMore);
        List<SourceRecord> records = drain.records();
        for (int i = 1; i < records.size(); i++) {
            SourceRecord before = records.get(i - 1);
            SourceRecord after = records.get(i);
            assertThat(after.modifiedAt()).isAfterOrEqualTo(before.modifiedAt());
            if (after.modifiedAt().equals(before.modifiedAt())) {
                assertThat(after.id()).isGreaterThan(before.id());
            }
        }
        SourceRecord first = records.get(0);
        assertThat(first.version()).isEqualTo(seeded.account(first.id()).get("SystemModstamp"));
        assertThat(first.fields()).containsOnlyKeys("Id", "Name", "Industry", "AnnualRevenue", "NumberOfEmployees",
                "NPS__c", "LastModifiedById", "SystemModstamp");
        assertThat(drain.last().position()).isEqualTo(records.get(records.size() - 1).position());
    }

    @Test
    void shouldResumeFromLastCommittedPositionWithoutDuplicates() {
        SourceDrain before = new SourceDrain();
        try (SalesforceSourceTask task = task(seeded, SourcePosition.START)) {
            before.poll(task, 3);
        }
        SourcePosition committed = before.last().position();
        SourceDrain after;
        try (SalesforceSourceTask task = task(seeded, committed)) {
            after = new SourceDrain().untilEmpty(task);
        }

        SourceRecord lastBefore = before.records().get(599);
        SourceRecord firstAfter = after.records().get(0);
        assertThat(firstAfter.version()).as("the page boundary splits records sharing a stamp")
                .isEqualTo(lastBefore.version());
        assertThat(before.ids()).hasSize(600).doesNotHaveDuplicates();
        assertThat(after.ids()).hasSize(4400).doesNotHaveDuplicates().doesNotContainAnyElementsOf(before.ids());
        Set<String> union = new HashSet<>(before.ids());
        union.addAll(after.ids());
        assertThat(union).isEqualTo(seeded.accountIds());
    }

    @Test
    void shouldReadAgainExactlyThePagesAfterTheRewoundPosition() {
        try (SalesforceSourceTask task = task(seeded, SourcePosition.START)) {
            SourceDrain read = new SourceDrain().poll(task, 3);
            task.rewind(read.pages.get(0).position());
            SourceDrain again = new SourceDrain().poll(task, 2);

            List<String> expected = new ArrayList<>();
            read.pages.get(1).records().forEach(r -> expected.add(r.id()));
            read.pages.get(2).records().forEach(r -> expected.add(r.id()));
            assertThat(again.ids()).isEqualTo(expected);
        }
    }

    @Test
    void shouldReadAccountsModifiedDuringPagingAgainInALaterQueryExactlyOnce() {
        try (SalesforceSimulator sim = org(2000); SalesforceSourceTask task = task(sim, SourcePosition.START)) {
            SourceDrain drain = new SourceDrain().poll(task, 2);
            Set<String> modified = new HashSet<>(sim.modifyAccounts(50, 9L));
            drain.untilEmpty(task);

            Map<String, List<SourceRecord>> byId = drain.records().stream()
                    .collect(Collectors.groupingBy(SourceRecord::id));
            assertThat(byId.keySet()).isEqualTo(sim.accountIds());
            byId.forEach((id, versions) -> {
                if (!modified.contains(id)) {
                    assertThat(versions).as(id).hasSize(1);
                } else {
                    assertThat(versions).as(id).hasSize(2);
                    assertThat(versions.get(1).version()).isEqualTo(sim.account(id).get("SystemModstamp"));
                    assertThat(versions.get(1).modifiedAt()).isAfter(versions.get(0).modifiedAt());
                }
            });
        }
    }

    @Test
    void shouldNotReadTheHubsOwnWriteBacksWhenExcludingOwnWrites() {
        try (SalesforceSimulator sim = org(500)) {
            SourcePosition committed;
            try (SalesforceSourceTask task = task(sim, SourcePosition.START)) {
                committed = new SourceDrain().untilEmpty(task).last().position();
            }
            List<String> all = new ArrayList<>(sim.accountIds());
            Set<String> written = new HashSet<>(all.subList(0, 300));
            try (SalesforceSinkTask sink = new SalesforceSinkConnector().createTask("crm-out",
                    SalesforceTestConfigs.sink(sim))) {
                sink.start();
                sink.put(written.stream().map(id -> new SinkRecord("evt-" + id, "Account", id, null,
                        Map.of("Churn_Score__c", 0.5))).toList());
            }
            Set<String> editedByPeople = new HashSet<>(sim.modifyAccounts(20, 5L));

            Set<String> readExcluding;
            try (SalesforceSourceTask task = task(sim, committed)) {
                readExcluding = new HashSet<>(new SourceDrain().untilEmpty(task).ids());
            }
            Set<String> readIncluding;
            try (SalesforceSourceTask task = task(sim, committed, SalesforceSourceConnector.EXCLUDE_OWN_WRITES,
                    "false")) {
                readIncluding = new HashSet<>(new SourceDrain().untilEmpty(task).ids());
            }

            assertThat(readExcluding).isEqualTo(editedByPeople);
            Set<String> everythingChanged = new HashSet<>(written);
            everythingChanged.addAll(editedByPeople);
            assertThat(readIncluding).isEqualTo(everythingChanged);
        }
    }

    @Test
    void shouldReturnPromptlyWhenStoppedFromAnotherThreadDuringAPoll() throws Exception {
        try (SalesforceSimulator sim = org(50)) {
            SalesforceSourceTask task = task(sim, SourcePosition.START);
            sim.delayNextRequests(1, Duration.ofSeconds(30));
            long callsBefore = sim.apiCallCount();
            CompletableFuture<SourcePage> poll = CompletableFuture.supplyAsync(task::poll);
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.apiCallCount() > callsBefore);

            long stoppedAt = System.nanoTime();
            task.stop();
            SourcePage page = poll.get(5, TimeUnit.SECONDS);

            assertThat(page.isEmpty()).isTrue();
            assertThat(page.position()).isEqualTo(SourcePosition.START);
            assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(2));
            assertThat(task.poll().isEmpty()).isTrue();
        }
    }

    @Test
    void shouldContinuePagingAfterTheSessionExpiredMidway() {
        try (SalesforceSimulator sim = org(1000); SalesforceSourceTask task = task(sim, SourcePosition.START)) {
            SourceDrain drain = new SourceDrain().poll(task, 1);
            sim.expireTokens();
            drain.untilEmpty(task);

            assertThat(drain.ids()).doesNotHaveDuplicates();
            assertThat(new HashSet<>(drain.ids())).isEqualTo(sim.accountIds());
            assertThat(task.apiUsage()).hasValueSatisfying(u -> assertThat(u.used()).isEqualTo(sim.apiCallCount()));
        }
    }
}
