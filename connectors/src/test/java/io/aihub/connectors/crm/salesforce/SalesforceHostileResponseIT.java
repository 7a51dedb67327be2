package io.aihub.connectors.crm.salesforce;

import io.aihub.api.source.RejectedRecord;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceTask;
import io.aihub.connectors.common.CancellableRequests;
import io.aihub.connectors.contract.HostileResponseContract;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.aihub.simulators.hostile.HostileBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The Salesforce source against hostile query answers from the simulator ({@link HostileResponseContract}): a spoiled
 * record is dead-lettered with the limit it broke, an endless page is cut off at
 * {@code SalesforceJson.MAX_QUERY_PAGE_BYTES_PER_RECORD}.
 */
class SalesforceHostileResponseIT extends HostileResponseContract {

    private static SalesforceSimulator sim;

    @BeforeAll
    static void startSalesforce() {
        sim = SalesforceSimulator.builder().accounts(600).build();
        sim.start();
    }

    @AfterAll
    static void stopSalesforce() {
        sim.close();
    }

    @Override
    protected SourceTask startTask(SourcePosition from) {
        SalesforceSourceTask task = new SalesforceSourceConnector().createTask("crm",
                SalesforceTestConfigs.source(sim));
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
        return switch (kind) {
            case DEEP_NESTING -> RejectedRecord.NESTING_TOO_DEEP;
            case LONG_STRING -> RejectedRecord.FIELD_TOO_LARGE;
            case HUGE_CHUNKED -> CancellableRequests.RESPONSE_TOO_LARGE;
        };
    }

    @Override
    protected String expectedLimitText(HostileBody kind) {
        return switch (kind) {
            case DEEP_NESTING -> "maxNestingDepth (" + SalesforceReadLimits.DEFAULTS.maxNestingDepth() + " levels)";
            case LONG_STRING -> "maxFieldBytes (" + SalesforceReadLimits.DEFAULTS.maxFieldBytes() + " bytes)";
            case HUGE_CHUNKED -> "limit of " + SalesforceJson.MAX_QUERY_PAGE_BYTES_PER_RECORD + " bytes per record";
        };
    }

    /** Query pages are streamed record by record: a spoiled record is dead-lettered, the page goes on. */
    @Override
    protected boolean deadLettersRecord(HostileBody kind) {
        return kind != HostileBody.HUGE_CHUNKED;
    }

    @Override
    protected long responseLimitBytes() {
        return SalesforceJson.MAX_QUERY_PAGE_BYTES_PER_RECORD;
    }
}
