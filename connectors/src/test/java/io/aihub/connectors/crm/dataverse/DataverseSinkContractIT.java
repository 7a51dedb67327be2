package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.RetriableException;
import io.aihub.api.sink.SinkConnector;
import io.aihub.api.sink.SinkRecord;
import io.aihub.api.sink.SinkResult;
import io.aihub.api.sink.SinkStatus;
import io.aihub.connectors.contract.SinkConnectorContract;
import io.aihub.simulators.crm.dataverse.DataverseSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Dataverse sink against its simulator, writing with the ETag each record was read with. */
class DataverseSinkContractIT extends SinkConnectorContract {

    private static DataverseSimulator env;
    private static List<String> ids;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeAll
    static void startEnvironment() {
        env = DataverseSimulator.builder().accounts(500).seed(4L).build();
        env.start();
        ids = List.copyOf(env.accountIds());
    }

    @AfterAll
    static void stopEnvironment() {
        env.close();
    }

    private static String nextId() {
        return ids.get(NEXT.getAndIncrement());
    }

    @Override
    protected SinkConnector connector() {
        return new DataverseSinkConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return DataverseTestConfigs.sink(env);
    }

    @Override
    protected Map<String, String> invalidConfig() {
        return Map.of(DataverseConnectionSettings.ORG_URL, "not a url", DataverseSinkConnector.ON_CONFLICT,
                "overwrite");
    }

    @Override
    protected List<String> invalidKeys() {
        return List.of(DataverseConnectionSettings.ORG_URL, DataverseConnectionSettings.TOKEN_URL,
                DataverseConnectionSettings.CLIENT_SECRET, DataverseSinkConnector.ALLOWED_FIELDS,
                DataverseSinkConnector.ON_CONFLICT);
    }

    @Override
    protected List<SinkRecord> writableRecords(int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = nextId();
            records.add(new SinkRecord("event-" + id, "accounts", id, env.etag(id),
                    Map.of("aihub_churnscore", 0.1 + i / 100.0, "aihub_churnrisk", "Low")));
        }
        return records;
    }

    @Override
    protected SinkRecord recordWithFieldNotAllowed() {
        String id = nextId();
        return new SinkRecord("event-" + id, "accounts", id, env.etag(id), Map.of("name", "Renamed by a model"));
    }

    @Override
    protected SinkRecord recordTheSystemRejects() {
        String id = nextId();
        String etag = env.etag(id);
        env.deleteAccount(id);
        return new SinkRecord("event-" + id, "accounts", id, etag, Map.of("aihub_churnscore", 0.5));
    }

    @Override
    protected Map<String, Object> currentFields(String recordId) {
        return env.account(recordId);
    }

    @Test
    void shouldWriteThroughThrottlingAndTokenExpiryAndFailTheBatchOnAServerError() {
        List<SinkRecord> batch = writableRecords(4);
        long throttledBefore = env.throttledCount();
        try (DataverseSinkTask task = new DataverseSinkConnector().createTask("faults", validConfig())) {
            task.start();
            env.failNextRequests(1, 503);
            assertThatThrownBy(() -> task.put(batch)).isInstanceOfSatisfying(RetriableException.class,
                    e -> assertThat(e.code()).isEqualTo("DATAVERSE_UNAVAILABLE"));

            env.throttleNextRequests(2, Duration.ofSeconds(1));
            env.expireTokens();
            List<SinkResult> results = task.put(batch);

            assertThat(results).extracting(SinkResult::status).containsOnly(SinkStatus.WRITTEN);
        }
        assertThat(env.throttledCount() - throttledBefore).isEqualTo(2);
        batch.forEach(r -> assertThat(env.account(r.recordId())).containsEntry("aihub_churnrisk", "Low"));
    }

    @Test
    void aWriteToAMissingRecordShouldBeRejectedAndNeverCreateIt() {
        String missing = "6f9619ff-8b86-d011-b42d-00c04fc964ff";
        try (DataverseSinkTask task = new DataverseSinkConnector().createTask("missing",
                DataverseTestConfigs.sink(env, DataverseSinkConnector.USE_ETAG, "false"))) {
            task.start();
            List<SinkResult> results = task.put(List.of(new SinkRecord("event-missing", "accounts", missing, null,
                    Map.of("aihub_churnscore", 0.9))));

            assertThat(results.get(0).status()).isEqualTo(SinkStatus.REJECTED);
            assertThat(results.get(0).code()).isEqualTo("0x80040217");
            assertThat(results.get(0).reason()).contains("does not exist");
        }
        assertThat(env.accountIds()).doesNotContain(missing);
    }
}
