package io.aihub.connectors.crm.salesforce;

import io.aihub.api.sink.SinkConnector;
import io.aihub.api.sink.SinkRecord;
import io.aihub.connectors.contract.SinkConnectorContract;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Salesforce sink against its simulator. */
class SalesforceSinkContractIT extends SinkConnectorContract {

    private static SalesforceSimulator org;
    private static List<String> ids;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeAll
    static void startOrg() {
        org = SalesforceSimulator.builder().accounts(500).seed(4L).build();
        org.start();
        ids = org.accountIds().stream().sorted().toList();
    }

    @AfterAll
    static void stopOrg() {
        org.close();
    }

    private static String nextId() {
        return ids.get(NEXT.getAndIncrement());
    }

    @Override
    protected SinkConnector connector() {
        return new SalesforceSinkConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return SalesforceTestConfigs.sink(org);
    }

    @Override
    protected Map<String, String> invalidConfig() {
        return Map.of(SalesforceConnectionSettings.LOGIN_URL, "not a url");
    }

    @Override
    protected List<String> invalidKeys() {
        return List.of(SalesforceConnectionSettings.LOGIN_URL, SalesforceConnectionSettings.CLIENT_SECRET,
                SalesforceSinkConnector.ALLOWED_FIELDS);
    }

    @Override
    protected List<SinkRecord> writableRecords(int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = nextId();
            records.add(new SinkRecord("event-" + id, "Account", id, null,
                    Map.of("Churn_Score__c", 0.1 + i / 100.0, "Churn_Risk__c", "Low")));
        }
        return records;
    }

    @Override
    protected SinkRecord recordWithFieldNotAllowed() {
        String id = nextId();
        return new SinkRecord("event-" + id, "Account", id, null, Map.of("Name", "Renamed by a model"));
    }

    @Override
    protected SinkRecord recordTheSystemRejects() {
        String id = nextId();
        org.deleteAccount(id);
        return new SinkRecord("event-" + id, "Account", id, null, Map.of("Churn_Score__c", 0.5));
    }

    @Override
    protected Map<String, Object> currentFields(String recordId) {
        return org.account(recordId);
    }
}
