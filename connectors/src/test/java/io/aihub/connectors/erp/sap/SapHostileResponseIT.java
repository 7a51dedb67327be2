package io.aihub.connectors.erp.sap;

import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceTask;
import io.aihub.connectors.common.CancellableRequests;
import io.aihub.connectors.contract.HostileResponseContract;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.hostile.HostileBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SAP source against hostile query answers from the simulator ({@link HostileResponseContract}). */
class SapHostileResponseIT extends HostileResponseContract {

    private static SapODataSimulator sim;

    @BeforeAll
    static void startSap() {
        sim = SapODataSimulator.builder().partners(60).salesOrders(1).seed(7L).build();
        sim.start();
    }

    @AfterAll
    static void stopSap() {
        sim.close();
    }

    @Override
    protected SourceTask startTask(SourcePosition from) {
        SapSourceTask task = new SapSourceConnector().createTask("erp",
                SapTestConfigs.partnerSource(sim, SapSourceConnector.BATCH_SIZE, "20"));
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
        return kind == HostileBody.HUGE_CHUNKED ? CancellableRequests.RESPONSE_TOO_LARGE : SapErrors.PROTOCOL;
    }

    @Override
    protected long responseLimitBytes() {
        return SapJson.MAX_RESPONSE_BYTES;
    }
}
