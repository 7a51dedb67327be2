package io.aihub.connectors.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.sink.SinkConnector;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.api.sink.SinkTask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every sink connector must do, proved against its simulator (or real system): idempotent writes,
 * only allow-listed fields, and per-record results.
 */
public abstract class SinkConnectorContract {

    /** The connector under test. */
    protected abstract SinkConnector connector();

    /** A valid configuration whose allow-list covers the fields of {@link #writableRecords}. */
    protected abstract Map<String, String> validConfig();

    /** A configuration with several problems at once. */
    protected abstract Map<String, String> invalidConfig();

    /** The keys the error for {@link #invalidConfig()} must name. */
    protected abstract List<String> invalidKeys();

    /** {@code count} writes of allow-listed fields to distinct existing records. */
    protected abstract List<SinkRecord> writableRecords(int count);

    /** A write to an existing record with a field that is not on the allow-list. */
    protected abstract SinkRecord recordWithFieldNotAllowed();

    /** A write the system will refuse for a reason that does not go away (e.g. the record was deleted). */
    protected abstract SinkRecord recordTheSystemRejects();

    /** The record's current fields, as the system holds them. */
    protected abstract Map<String, Object> currentFields(String recordId);

    private SinkTask started() {
        SinkTask task = connector().createTask("contract", validConfig());
        task.start();
        return task;
    }

    @Test
    void shouldRejectAnInvalidConfigurationNamingEveryProblem() {
        assertThatThrownBy(() -> connector().createTask("contract", invalidConfig()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.getMessage()).contains(invalidKeys()));
    }

    @Test
    void putShouldWriteTheFieldsAndBeIdempotent() {
        List<SinkRecord> batch = writableRecords(5);
        try (SinkTask task = started()) {
            List<SinkResult> first = task.put(batch);
            List<Map<String, Object>> afterFirst = new ArrayList<>();
            batch.forEach(r -> afterFirst.add(currentFields(r.recordId())));
            List<SinkResult> second = task.put(batch);

            assertThat(first).extracting(SinkResult::recordId)
                    .containsExactlyElementsOf(batch.stream().map(SinkRecord::recordId).toList());
            assertThat(first).allMatch(SinkResult::isSuccess);
            assertThat(second).allMatch(SinkResult::isSuccess);
            for (int i = 0; i < batch.size(); i++) {
                SinkRecord written = batch.get(i);
                Map<String, Object> now = currentFields(written.recordId());
                written.fields().forEach((field, value) -> assertThat(now.get(field)).as(field).isEqualTo(value));
                for (String field : written.fields().keySet()) {
                    assertThat(now.get(field)).isEqualTo(afterFirst.get(i).get(field));
                }
            }
        }
    }

    @Test
    void aFieldNotOnTheAllowListShouldBeRejectedAndNotWritten() {
        SinkRecord forbidden = recordWithFieldNotAllowed();
        Map<String, Object> before = currentFields(forbidden.recordId());
        SinkRecord fine = writableRecords(1).get(0);
        try (SinkTask task = started()) {
            List<SinkResult> results = task.put(List.of(forbidden, fine));

            assertThat(results.get(0).status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(results.get(1).isSuccess()).isTrue();
        }
        Map<String, Object> after = currentFields(forbidden.recordId());
        for (String field : forbidden.fields().keySet()) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
    }

    @Test
    void aRejectedRecordShouldBeReportedAloneWhileTheOthersAreWritten() {
        List<SinkRecord> good = writableRecords(3);
        List<SinkRecord> batch = new ArrayList<>(good);
        batch.add(1, recordTheSystemRejects());
        try (SinkTask task = started()) {
            List<SinkResult> results = task.put(batch);

            assertThat(results).hasSize(4);
            assertThat(results.get(1).status()).isIn(SinkStatus.REJECTED, SinkStatus.CONFLICT);
            assertThat(results.get(1).code()).isNotBlank();
            assertThat(List.of(results.get(0), results.get(2), results.get(3))).allMatch(SinkResult::isSuccess);
        }
    }
}
