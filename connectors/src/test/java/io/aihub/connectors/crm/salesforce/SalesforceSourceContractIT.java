package io.aihub.connectors.crm.salesforce;

import io.aihub.api.source.SourceConnector;
import io.aihub.connectors.contract.SourceConnectorContract;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Salesforce source against its simulator: 1,000 accounts, pages of 200. */
class SalesforceSourceContractIT extends SourceConnectorContract {

    private static SalesforceSimulator org;

    @BeforeAll
    static void startOrg() {
        org = SalesforceSimulator.builder().accounts(1000).seed(3L).build();
        org.start();
    }

    @AfterAll
    static void stopOrg() {
        org.close();
    }

    @Override
    protected SourceConnector connector() {
        return new SalesforceSourceConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return SalesforceTestConfigs.source(org);
    }

    @Override
    protected Set<String> expectedIds() {
        return org.accountIds();
    }

    @Override
    protected Map<String, String> invalidConfig() {
        return Map.of(SalesforceConnectionSettings.LOGIN_URL, "ftp://nowhere", SalesforceSourceConnector.BATCH_SIZE,
                "5", SalesforceSourceConnector.FIELDS, "Name");
    }

    @Override
    protected List<String> invalidKeys() {
        return List.of(SalesforceConnectionSettings.LOGIN_URL, SalesforceConnectionSettings.CLIENT_ID,
                SalesforceConnectionSettings.CLIENT_SECRET, SalesforceSourceConnector.BATCH_SIZE);
    }

    @Override
    protected void delayNextRequests(Duration delay) {
        org.delayNextRequests(delay.isZero() ? 0 : 1, delay);
    }

    @Override
    protected long requestsReceived() {
        return org.apiCallCount();
    }
}
