package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.error.RetriableException;
import io.aihub.api.source.SourceConnector;
import io.aihub.api.source.SourcePosition;
import io.aihub.connectors.contract.SourceConnectorContract;
import io.aihub.connectors.contract.SourceDrain;
import io.aihub.simulators.crm.dataverse.DataverseSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Dataverse source against its simulator: 1,000 accounts in pages of 200, plus a full read with every
 * fault switched on (token expiry mid-read, 429s, 5xx).
 */
class DataverseSourceContractIT extends SourceConnectorContract {

    private static DataverseSimulator env;

    @BeforeAll
    static void startEnvironment() {
        env = DataverseSimulator.builder().accounts(1000).seed(3L).build();
        env.start();
    }

    @AfterAll
    static void stopEnvironment() {
        env.close();
    }

    @Override
    protected SourceConnector connector() {
        return new DataverseSourceConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return DataverseTestConfigs.source(env);
    }

    @Override
    protected Set<String> expectedIds() {
        return env.accountIds();
    }

    @Override
    protected Map<String, String> invalidConfig() {
        return Map.of(DataverseConnectionSettings.ORG_URL, "ftp://nowhere", DataverseSourceConnector.PAGE_SIZE,
                "0", DataverseSourceConnector.FIELDS, "Name");
    }

    @Override
    protected List<String> invalidKeys() {
        return List.of(DataverseConnectionSettings.ORG_URL, DataverseConnectionSettings.TOKEN_URL,
                DataverseConnectionSettings.CLIENT_ID, DataverseConnectionSettings.CLIENT_SECRET,
                DataverseSourceConnector.PAGE_SIZE, DataverseSourceConnector.FIELDS);
    }

    @Override
    protected void delayNextRequests(Duration delay) {
        env.delayNextRequests(delay.isZero() ? 0 : 1, delay);
    }

    @Override
    protected long requestsReceived() {
        return env.dataRequestCount();
    }

    @Test
    void shouldReadEveryRecordExactlyOnceThroughTokenExpiryThrottlingAndServerErrors() {
        long throttledBefore = env.throttledCount();
        long tokensBefore = env.tokensIssued();
        SourceDrain drain = new SourceDrain();
        try (DataverseSourceTask task = new DataverseSourceConnector().createTask("faults", validConfig())) {
            task.start(SourcePosition.START);
            drain.poll(task, 1);
            env.advanceClock(Duration.ofHours(2));
            drain.poll(task, 1);
            env.throttleNextRequests(2, Duration.ofSeconds(1));
            drain.poll(task, 1);
            env.failNextRequests(1, 503);
            assertThat(catchRetriable(task)).isEqualTo("DATAVERSE_UNAVAILABLE");
            task.rewind(drain.last().position());
            drain.untilEmpty(task);
        }
        assertThat(env.throttledCount() - throttledBefore).as("429s answered").isEqualTo(2);
        assertThat(env.tokensIssued() - tokensBefore).as("tokens: the first and one after expiry").isEqualTo(2);
        assertThat(drain.ids()).doesNotHaveDuplicates();
        assertThat(Set.copyOf(drain.ids())).isEqualTo(expectedIds());
    }

    private static String catchRetriable(DataverseSourceTask task) {
        try {
            task.poll();
        } catch (RetriableException e) {
            return e.code();
        }
        return "no failure";
    }
}
