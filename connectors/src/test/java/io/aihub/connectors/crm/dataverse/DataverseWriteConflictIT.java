package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.simulators.crm.dataverse.DataverseSimulator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write-backs with a stale ETag: people edit some accounts between the hub's read and its write. Under both
 * 412 policies the edited accounts are not overwritten, and the simulator counts one 412 per stale write.
 */
class DataverseWriteConflictIT {

    private DataverseSimulator env;

    @BeforeEach
    void startEnvironment() {
        env = DataverseSimulator.builder().accounts(300).seed(9L).build();
        env.start();
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    private static final int PAGE = 60;
    private static final int HALF = PAGE / 2;

    /** Reads the first page ({@value #PAGE} accounts) the way the hub does: each with the ETag it was read with. */
    private List<SourceRecord> readPage() {
        try (DataverseSourceTask task = new DataverseSourceConnector().createTask("crm",
                DataverseTestConfigs.source(env, DataverseSourceConnector.PAGE_SIZE, Integer.toString(PAGE)))) {
            task.start(SourcePosition.START);
            return task.poll().records();
        }
    }

    private static List<SinkRecord> predictions(List<SourceRecord> read) {
        return read.stream().map(r -> new SinkRecord("event-" + r.id(), r.entity(), r.id(), r.version(),
                Map.of("aihub_churnscore", 0.73, "aihub_churnrisk", "High"))).toList();
    }

    private Map<String, SinkStatus> put(String policy, List<SinkRecord> batch) {
        try (DataverseSinkTask task = new DataverseSinkConnector().createTask("crm",
                DataverseTestConfigs.sink(env, DataverseSinkConnector.ON_CONFLICT, policy))) {
            task.start();
            List<SinkResult> results = task.put(batch);
            Map<String, SinkStatus> byId = new HashMap<>();
            results.forEach(r -> byId.put(r.recordId(), r.status()));
            return byId;
        }
    }

    private static Set<String> with(Map<String, SinkStatus> results, SinkStatus status) {
        return results.entrySet().stream().filter(e -> e.getValue() == status).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private Set<String> editSome(List<SourceRecord> read) {
        Set<String> edited = new HashSet<>();
        for (int i = 0; i < read.size(); i += 10) {
            env.modifyAccount(read.get(i).id());
            edited.add(read.get(i).id());
        }
        return edited;
    }

    private void assertNotOverwritten(Set<String> edited) {
        Set<String> writtenIds = env.writeLog().stream().map(DataverseSimulator.Write::accountId)
                .collect(Collectors.toSet());
        assertThat(writtenIds).as("accounts written after a person edited them").doesNotContainAnyElementsOf(edited);
        edited.forEach(id -> assertThat(env.account(id).get("aihub_churnscore")).as(id).isNull());
    }

    @Test
    void skipShouldReportEveryStaleWriteAsAConflictAndOverwriteNothing() {
        List<SourceRecord> read = readPage();
        Set<String> edited = editSome(read);
        long before = env.preconditionFailedCount();

        Map<String, SinkStatus> results = put("skip", predictions(read));

        assertThat(env.preconditionFailedCount() - before).isEqualTo(edited.size());
        assertThat(with(results, SinkStatus.CONFLICT)).isEqualTo(edited);
        Set<String> fresh = read.stream().map(SourceRecord::id).filter(id -> !edited.contains(id))
                .collect(Collectors.toSet());
        assertThat(with(results, SinkStatus.WRITTEN)).isEqualTo(fresh);
        assertNotOverwritten(edited);
    }

    @Test
    void rereadShouldTellARetriedWriteFromAChangedRecordAndOverwriteNothing() {
        List<SourceRecord> read = readPage();
        List<SinkRecord> batch = predictions(read);
        Set<String> firstHalf = batch.subList(0, HALF).stream().map(SinkRecord::recordId).collect(Collectors.toSet());
        assertThat(put("reread", batch.subList(0, HALF)).values()).containsOnly(SinkStatus.WRITTEN);
        Set<String> edited = editSome(read.subList(HALF, read.size()));
        long before = env.preconditionFailedCount();

        Map<String, SinkStatus> results = put("reread", batch);

        assertThat(env.preconditionFailedCount() - before).as("412s: the half already written plus the edited ones")
                .isEqualTo(HALF + edited.size());
        assertThat(with(results, SinkStatus.SKIPPED_UNCHANGED)).isEqualTo(firstHalf);
        assertThat(with(results, SinkStatus.CONFLICT)).isEqualTo(edited);
        assertThat(with(results, SinkStatus.WRITTEN)).hasSize(HALF - edited.size())
                .doesNotContainAnyElementsOf(edited).doesNotContainAnyElementsOf(firstHalf);
        assertNotOverwritten(edited);
    }

    @Test
    void withoutEtagsEveryWriteShouldSendIfMatchStar() {
        List<SourceRecord> read = readPage().subList(0, 5);
        try (DataverseSinkTask task = new DataverseSinkConnector().createTask("crm",
                DataverseTestConfigs.sink(env, DataverseSinkConnector.USE_ETAG, "false"))) {
            task.start();
            assertThat(task.put(predictions(read))).extracting(SinkResult::status).containsOnly(SinkStatus.WRITTEN);
        }
        assertThat(env.writeLog()).extracting(DataverseSimulator.Write::ifMatch).containsOnly("*");
    }
}
