package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.simulators.crm.dataverse.DataverseSimulator;
import java.time.Duration;
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
 * A 20,000-account environment read incrementally in pages of 200 while people insert (450 at a time, sharing
 * one {@code modifiedon}) and edit accounts, the token expires and the hub restarts once: every account arrives
 * in its latest version, none is missing, and no version is read twice.
 */
class DataverseIncrementalSyncIT {

    private static final int MAX_POLLS = 2_000;
    private static final int RESTART_AT_POLL = 50;

    @Test
    void shouldSyncTwentyThousandAccountsChangingWhilePagedWithoutLossOrDuplicateVersions() {
        try (DataverseSimulator env = DataverseSimulator.builder().accounts(20_000).seed(11L).build()) {
            env.start();
            Set<String> inserted = new HashSet<>();
            Map<Integer, Runnable> changesBeforePoll = Map.of(
                    5, () -> {
                        inserted.addAll(env.insertAccounts(450, 1L));
                        env.modifyAccounts(300, 2L);
                    },
                    30, () -> {
                        env.modifyAccounts(2_000, 3L);
                        inserted.addAll(env.insertAccounts(450, 4L));
                        env.advanceClock(Duration.ofHours(2));
                    },
                    70, () -> {
                        inserted.addAll(env.insertAccounts(450, 5L));
                        env.modifyAccounts(500, 6L);
                    },
                    110, () -> inserted.addAll(env.insertAccounts(450, 7L)));

            int lastChange = Collections.max(changesBeforePoll.keySet());
            List<SourcePage> pages = new ArrayList<>();
            DataverseSourceTask task = start(env, SourcePosition.START);
            try {
                for (int poll = 0; poll < MAX_POLLS; poll++) {
                    changesBeforePoll.getOrDefault(poll, () -> { }).run();
                    if (poll == RESTART_AT_POLL) {
                        task.stop();
                        task = start(env, pages.get(pages.size() - 1).position());
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
            assertThat(env.accountIds()).hasSize(21_800).containsAll(inserted);
            assertThat(latestVersion.keySet()).as("missing or extra ids").isEqualTo(env.accountIds());
            Map<String, String> stale = new HashMap<>();
            latestVersion.forEach((id, version) -> {
                if (!version.equals(env.etag(id))) {
                    stale.put(id, version);
                }
            });
            assertThat(stale).as("accounts whose latest version was not read").isEmpty();
            assertThat(straddlingStamps(pages, inserted)).as("pages split inserted records sharing a stamp")
                    .isNotEmpty();
        }
    }

    private static DataverseSourceTask start(DataverseSimulator env, SourcePosition from) {
        DataverseSourceTask task = new DataverseSourceConnector().createTask("crm", DataverseTestConfigs.source(env));
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
                if (last.modifiedAt().equals(first.modifiedAt()) && inserted.contains(first.id())) {
                    stamps.add(first.modifiedAt().toString());
                }
            }
        }
        return stamps;
    }
}
