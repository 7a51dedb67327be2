package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.connectors.contract.SourceDrain;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Deleted records (the recycle bin) read with and without {@code includeDeleted}. */
class SalesforceDeletedRecordsIT {

    private static SalesforceSimulator org() {
        SalesforceSimulator sim = SalesforceSimulator.builder().accounts(1000).seed(5L).build();
        sim.start();
        return sim;
    }

    private static SourceDrain drain(SalesforceSimulator sim, SourcePosition from, boolean includeDeleted) {
        try (SalesforceSourceTask task = new SalesforceSourceConnector().createTask("crm",
                SalesforceTestConfigs.source(sim, SalesforceSourceConnector.INCLUDE_DELETED,
                        Boolean.toString(includeDeleted)))) {
            task.start(from);
            return new SourceDrain().untilEmpty(task);
        }
    }

    /** Deletes three accounts spread over the org and returns their ids. */
    private static Set<String> deleteThree(SalesforceSimulator sim) {
        List<String> ids = new ArrayList<>(sim.accountIds());
        Set<String> deleted = Set.of(ids.get(10), ids.get(500), ids.get(999));
        deleted.forEach(sim::deleteAccount);
        return deleted;
    }

    @Test
    void shouldReadEachDeletionExactlyOnceWithIsDeletedTrueWhenIncludingDeleted() {
        try (SalesforceSimulator sim = org()) {
            SourceDrain before = drain(sim, SourcePosition.START, true);
            Set<String> deleted = deleteThree(sim);

            SourceDrain after = drain(sim, before.last().position(), true);
            SourceDrain fromScratch = drain(sim, SourcePosition.START, true);

            assertThat(before.records()).hasSize(1000).allSatisfy(r -> assertThat(r.fields())
                    .containsEntry("IsDeleted", false));
            assertThat(after.ids()).hasSize(3).containsExactlyInAnyOrderElementsOf(deleted);
            assertThat(after.records()).allSatisfy(r -> {
                assertThat(r.fields()).containsEntry("IsDeleted", true);
                assertThat(r.version()).isEqualTo(sim.account(r.id()).get("SystemModstamp"));
            });
            Map<Object, Set<String>> byDeleted = fromScratch.records().stream().collect(Collectors.groupingBy(
                    r -> r.fields().get("IsDeleted"), Collectors.mapping(SourceRecord::id, Collectors.toSet())));
            assertThat(fromScratch.ids()).hasSize(1000).doesNotHaveDuplicates();
            assertThat(byDeleted.get(true)).isEqualTo(deleted);
            assertThat(byDeleted.get(false)).isEqualTo(sim.accountIds());
        }
    }

    @Test
    void shouldNeverReadDeletedAccountsWithoutIncludeDeleted() {
        try (SalesforceSimulator sim = org()) {
            SourceDrain before = drain(sim, SourcePosition.START, false);
            Set<String> deleted = deleteThree(sim);

            SourceDrain after = drain(sim, before.last().position(), false);
            SourceDrain fromScratch = drain(sim, SourcePosition.START, false);

            assertThat(after.records()).isEmpty();
            assertThat(new HashSet<>(fromScratch.ids())).hasSize(997).isEqualTo(sim.accountIds())
                    .doesNotContainAnyElementsOf(deleted);
            assertThat(fromScratch.records()).allSatisfy(r -> assertThat(r.fields()).doesNotContainKey("IsDeleted"));
        }
    }
}
