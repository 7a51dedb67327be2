package io.aihub.connectors.erp.sap;

import io.aihub.api.sink.SinkConnector;
import io.aihub.api.sink.SinkRecord;
import io.aihub.connectors.contract.SinkConnectorContract;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The SAP sink against its simulator, with CSRF sessions expiring every three writes (so the sink must fetch
 * new tokens mid-batch). Every write carries the ETag the record was read with; a repeated batch meets 412
 * and is recognised as already written.
 */
class SapSinkContractIT extends SinkConnectorContract {

    private static SapODataSimulator sim;
    private static List<String> keys;
    private static final AtomicInteger NEXT = new AtomicInteger();

    @BeforeAll
    static void startSap() {
        sim = SapODataSimulator.builder().partners(300).salesOrders(0).seed(4L).build();
        sim.start();
        sim.expireCsrfSessionsEvery(3);
        keys = sim.partnerKeys().stream().sorted().toList();
    }

    @AfterAll
    static void stopSap() {
        sim.close();
    }

    private static String nextKey() {
        return keys.get(NEXT.getAndIncrement());
    }

    private static SinkRecord write(String key, Map<String, Object> fields) {
        return new SinkRecord("event-" + key, "A_BusinessPartner", key,
                sim.etag(SapService.BUSINESS_PARTNER, key), fields);
    }

    @Override
    protected SinkConnector connector() {
        return new SapSinkConnector();
    }

    @Override
    protected Map<String, String> validConfig() {
        return SapTestConfigs.partnerSink(sim);
    }

    @Override
    protected Map<String, String> invalidConfig() {
        return Map.of(SapConnectionSettings.BASE_URL, "not a url", SapConnectionSettings.AUTH, "bearer",
                SapConnectionSettings.SAP_CLIENT, "1");
    }

    @Override
    protected List<String> invalidKeys() {
        return List.of(SapConnectionSettings.BASE_URL, SapConnectionSettings.SERVICE,
                SapConnectionSettings.ENTITY_SET, SapConnectionSettings.SAP_CLIENT, SapConnectionSettings.BEARER_TOKEN,
                SapSinkConnector.ALLOWED_FIELDS);
    }

    @Override
    protected List<SinkRecord> writableRecords(int count) {
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(write(nextKey(), Map.of("YY1_ChurnScore_bus", 0.1 + i / 100.0, "YY1_ChurnRisk_bus", "Low")));
        }
        return records;
    }

    @Override
    protected SinkRecord recordWithFieldNotAllowed() {
        return write(nextKey(), Map.of("BusinessPartnerFullName", "Renamed by a model"));
    }

    @Override
    protected SinkRecord recordTheSystemRejects() {
        String key = nextKey();
        SinkRecord record = write(key, Map.of("YY1_ChurnScore_bus", 0.5));
        sim.delete(SapService.BUSINESS_PARTNER, key);
        return record;
    }

    /** The partner's values with decimals as doubles, the form the sink was given them in. */
    @Override
    protected Map<String, Object> currentFields(String recordId) {
        Map<String, Object> fields = new LinkedHashMap<>();
        sim.partner(recordId).forEach((k, v) -> fields.put(k, v instanceof BigDecimal d ? d.doubleValue() : v));
        return fields;
    }
}
