package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
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
 * 20,000 business partners read incrementally while people insert partners (450 at a time, sharing one
 * watermark) and edit partners (some already read, some not yet), and the hub restarts once: every partner
 * arrives, in its latest version (ETag), and no version twice. The service pages on the server (200 per page,
 * with an offset {@code $skiptoken} in {@code __next} that would skip a record at a page boundary each time an
 * earlier one is edited; the source does not follow it). Client paging is proved by the contract test.
 */
class SapIncrementalSyncIT {

    private static final int MAX_POLLS = 2_000;
    private static final int RESTART_AT_POLL = 50;

    @Test
    void shouldSyncTwentyThousandPartnersChangingWhilePagedWithoutLossOrDuplicateVersions() {
        try (SapODataSimulator sim = SapODataSimulator.builder().partners(20_000).salesOrders(0).seed(11L)
                .partnerServerPageSize(200).build()) {
            sim.start();
            Set<String> inserted = new HashSet<>();
            Map<Integer, Runnable> changesBeforePoll = Map.of(
                    5, () -> {
                        inserted.addAll(sim.insertPartners(450, 1L));
                        sim.modifyPartners(300, 2L);
                    },
                    30, () -> {
                        sim.modifyPartners(2_000, 3L);
                        inserted.addAll(sim.insertPartners(450, 4L));
                    },
                    70, () -> {
                        inserted.addAll(sim.insertPartners(450, 5L));
                        sim.modifyPartners(500, 6L);
                    },
                    110, () -> inserted.addAll(sim.insertPartners(450, 7L)));

            int lastChange = Collections.max(changesBeforePoll.keySet());
            List<SourcePage> pages = new ArrayList<>();
            SapSourceTask task = start(sim, SourcePosition.START);
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
            assertThat(sim.partnerKeys()).hasSize(21_800);
            assertThat(sim.partnerKeys().containsAll(inserted)).as("every inserted partner is in SAP").isTrue();
            assertThat(latestVersion.keySet()).as("missing or extra ids").isEqualTo(sim.partnerKeys());
            Map<String, String> stale = new HashMap<>();
            latestVersion.forEach((key, version) -> {
                if (!version.equals(sim.etag(SapService.BUSINESS_PARTNER, key))) {
                    stale.put(key, version);
                }
            });
            assertThat(stale).as("partners whose latest version was not read").isEmpty();
            assertThat(straddlingVersions(pages, inserted)).as("pages split records sharing a watermark, inserted"
                    + " ones among them").isNotEmpty();
        }
    }

    private static SapSourceTask start(SapODataSimulator sim, SourcePosition from) {
        SapSourceTask task = new SapSourceConnector().createTask("erp",
                SapTestConfigs.partnerSource(sim, SapSourceConnector.PAGING, "server"));
        task.start(from);
        return task;
    }

    /** The versions of inserted partners shared by the last record of one page and the first of the next. */
    private static Set<String> straddlingVersions(List<SourcePage> pages, Set<String> inserted) {
        Set<String> shared = new HashSet<>();
        for (int i = 1; i < pages.size(); i++) {
            List<SourceRecord> before = pages.get(i - 1).records();
            List<SourceRecord> after = pages.get(i).records();
            if (!before.isEmpty() && !after.isEmpty()) {
                SourceRecord last = before.get(before.size() - 1);
                SourceRecord first = after.get(0);
                if (last.version().equals(first.version()) && inserted.contains(first.id())) {
                    shared.add(first.version());
                }
            }
        }
        return shared;
    }
}
