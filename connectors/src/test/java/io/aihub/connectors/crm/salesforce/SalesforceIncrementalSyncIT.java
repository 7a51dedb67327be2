package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A 20,000-account org read incrementally in pages of 200 while people insert and edit accounts and the
 * hub restarts once: every account of the org arrives, in its latest version, and no version twice.
 */
class SalesforceIncrementalSyncIT {

    private static final int MAX_POLLS = 2_000;
    private static final int RESTART_AT_POLL = 50;

    @Test
    void shouldSyncTwentyThousandAccountsChangingWhilePagedWithoutLossOrDuplicateVersions() {
        try (SalesforceSimulator sim = SalesforceSimulator.builder().accounts(20_000).seed(11L).build()) {
            sim.start();
            Set<String> inserted = new HashSet<>();
            Map<Integer, Runnable> changesBeforePoll = Map.of(
                    5, () -> {
                        inserted.addAll(sim.insertAccounts(450, 1L));
                        sim.modifyAccounts(300, 2L);
                    },
                    30, () -> {
                        sim.modifyAccounts(2_000, 3L);
                        inserted.addAll(sim.insertAccounts(450, 4L));
                    },
                    70, () -> {
                        inserted.addAll(sim.insertAccounts(450, 5L));
                        sim.modifyAccounts(500, 6L);
                    },
                    110, () -> inserted.addAll(sim.insertAccounts(450, 7L)));

            int lastChange = Collections.max(changesBeforePoll.keySet());
            List<SourcePage> pages = new ArrayList<>();
            SalesforceSourceTask task = start(sim, SourcePosition.START);
            try {
                for (int poll = 0; poll < MAX_POLLS; poll++) {
                    changesBeforePoll.getOrDefault(poll, () -> { }).run();
                    if (poll == RESTART_AT_POLL) {
                        task.stop();
                        task = start(sim, pages.get(pages.size() - 1).position());
                    }
                    SourcePage page = task.poll();
                    pages.add(page);
                    if (page.isEmpty() && !page.hasMore() && poll > lastChange) {
                        break;
                    }
                }
            } finally {
                task.stop();
            }

            List<SourceRecord> records = pages.stream().flatMap(p -> p.records().stream()).toList();
            Set<String> versions = new HashSet<>();
            Map<String, String> latestVersion = new LinkedHashMap<>();
            for (SourceRecord record : records) {
                assertThat(versions.add(record.id() + "@" + record.version()))
                        .as("version %s of %s read once", record.version(), record.id()).isTrue();
                latestVersion.put(record.id(), record.version());
            }
            assertThat(pages.get(pages.size() - 1).isEmpty()).as("ran dry within " + MAX_POLLS + " polls").isTrue();
            assertThat(sim.accountIds()).hasSize(21_800).containsAll(inserted);
            assertThat(latestVersion.keySet()).as("missing or extra ids").isEqualTo(sim.accountIds());
            Map<String, Object> stale = new HashMap<>();
            latestVersion.forEach((id, version) -> {
                if (!version.equals(sim.account(id).get("SystemModstamp"))) {
                    stale.put(id, version);
                }
            });
            assertThat(stale).as("accounts whose latest version was not read").isEmpty();
            assertThat(straddlingStamps(pages, inserted)).as("pages split records sharing a stamp, inserted"
                    + " ones among them").isNotEmpty();
        }
    }

    private static SalesforceSourceTask start(SalesforceSimulator sim, SourcePosition from) {
        SalesforceSourceTask task = new SalesforceSourceConnector().createTask("crm",
                SalesforceTestConfigs.source(sim));
        task.start(from);
        return task;
    }

    /** The stamps of inserted accounts shared by the last record of one page and the first of the next. */
    private static Set<String> straddlingStamps(List<SourcePage> pages, Set<String> inserted) {
        Set<String> stamps = new HashSet<>();
        for (int i = 1; i < pages.size(); i++) {
            List<SourceRecord> before = pages.get(i - 1).records();
            List<SourceRecord> after = pages.get(i).records();
            if (!before.isEmpty() && !after.isEmpty()) {
                SourceRecord last = before.get(before.size() - 1);
                SourceRecord first = after.get(0);
                if (last.version().equals(first.version()) && inserted.contains(first.id())) {
                    stamps.add(first.version());
                }
            }
        }
        return stamps;
    }
}
