package io.aihub.connectors.crm.dataverse;

import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceTask;
import io.aihub.connectors.common.CancellableRequests;
import io.aihub.connectors.contract.HostileResponseContract;
import io.aihub.simulators.crm.dataverse.DataverseSimulator;
import io.aihub.simulators.hostile.HostileBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Dataverse source against hostile query answers from the simulator ({@link HostileResponseContract}). */
class DataverseHostileResponseIT extends HostileResponseContract {

    private static DataverseSimulator sim;

    @BeforeAll
    static void startDataverse() {
        sim = DataverseSimulator.builder().accounts(60).seed(7L).build();
        sim.start();
    }

    @AfterAll
    static void stopDataverse() {
        sim.close();
    }

    @Override
    protected SourceTask startTask(SourcePosition from) {
        DataverseSourceTask task = new DataverseSourceConnector().createTask("crm",
                DataverseTestConfigs.source(sim, DataverseSourceConnector.PAGE_SIZE, "20"));
        task.start(from);
        return task;
    }

    @Override
    protected void answerNextQueryWith(HostileBody kind) {
        sim.answerNextQueryWith(kind);
    }

    @Override
    protected long lastHostileBytesSent() {
        return sim.lastHostileBytesSent();
    }

    @Override
    protected String expectedCode(HostileBody kind) {
        return kind == HostileBody.HUGE_CHUNKED ? CancellableRequests.RESPONSE_TOO_LARGE : DataverseErrors.PROTOCOL;
    }

    @Override
    protected long responseLimitBytes() {
        return DataverseJson.MAX_RESPONSE_BYTES;
    }
}
