package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import io.aihub.api.source.SourcePage;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import io.aihub.simulators.erp.sap.SalesOrderOutcomes;
import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sales orders read with their sold-to business partner looked up in API_BUSINESS_PARTNER. */
class SapLookupIT {

    private static final int PARTNERS = 30;
    private static final int ORDERS = 120;

    private SapODataSimulator sim;

    @BeforeEach
    void startSap() {
        sim = SapODataSimulator.builder().partners(PARTNERS).salesOrders(ORDERS).seed(6L).build();
        sim.start();
    }

    @AfterEach
    void stopSap() {
        sim.close();
    }

    private Map<String, String> orderSource() {
        Map<String, String> config = SapTestConfigs.connection(sim, SapService.SALES_ORDER);
        config.put(SapSourceConnector.FIELDS, String.join(",", SalesOrderOutcomes.ORDER_FIELDS));
        config.put(SapSourceConnector.KEY_PROPERTY, "SalesOrder");
        config.put(SapSourceConnector.BATCH_SIZE, "50");
        config.put(SapSourceConnector.LOOKUP_SERVICE, SapService.BUSINESS_PARTNER.serviceName());
        config.put(SapSourceConnector.LOOKUP_ENTITY_SET, SapService.BUSINESS_PARTNER.entitySet());
        config.put(SapSourceConnector.LOOKUP_KEY_PROPERTY, "BusinessPartner");
        config.put(SapSourceConnector.LOOKUP_FOREIGN_KEY, "SoldToParty");
        config.put(SapSourceConnector.LOOKUP_FIELDS, String.join(",", SalesOrderOutcomes.PARTNER_FIELDS));
        return config;
    }

    @Test
    void everyOrderShouldCarryItsPartnersFieldsExactlyAsTheTrainingDataHasThem() {
        Map<String, Map<String, Object>> read = new LinkedHashMap<>();
        long before = sim.requestCount();
        int pages = 0;
        try (SapSourceTask task = new SapSourceConnector().createTask("erp-orders", orderSource())) {
            task.start(SourcePosition.START);
            for (SourcePage page = task.poll(); !page.records().isEmpty(); page = task.poll()) {
                pages++;
                for (SourceRecord record : page.records()) {
                    assertThat(read.put(record.id(), record.fields())).as("read once: %s", record.id()).isNull();
                }
            }
        }
        Map<String, Map<String, Object>> expected = new HashMap<>();
        SalesOrderOutcomes.generate(6L, ORDERS, PARTNERS).forEach(o -> expected.put(o.key(), o.fields()));
        assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        read.forEach((key, fields) -> assertThat(fields).as("order %s", key).isEqualTo(expected.get(key)));
        assertThat(sim.requestCount() - before).as("one query and one lookup per page of 50 orders (30 partners)"
                + " plus the empty last poll").isEqualTo(2L * pages + 1);
    }

    @Test
    void anIncompleteLookupIsRefusedWithEveryProblemAtOnce() {
        Map<String, String> config = orderSource();
        config.remove(SapSourceConnector.LOOKUP_ENTITY_SET);
        config.remove(SapSourceConnector.LOOKUP_FIELDS);
        config.put(SapSourceConnector.LOOKUP_FOREIGN_KEY, "ShipToParty");

        assertThatThrownBy(() -> new SapSourceConnector().createTask("erp-orders", config))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "missing key 'lookupEntitySet': required with lookupService",
                        "missing key 'lookupFields': required with lookupService",
                        "key 'lookupForeignKey' must be one of 'fields', so that it is read"));
    }

    @Test
    void anOrderWhosePartnerIsMissingGetsNullPartnerFields() {
        String partner = "1000003";
        sim.delete(SapService.BUSINESS_PARTNER, partner);
        List<Map<String, Object>> ofThatPartner = new java.util.ArrayList<>();
        try (SapSourceTask task = new SapSourceConnector().createTask("erp-orders", orderSource())) {
            task.start(SourcePosition.START);
            for (SourcePage page = task.poll(); !page.records().isEmpty(); page = task.poll()) {
                page.records().stream().filter(r -> partner.equals(r.fields().get("SoldToParty")))
                        .forEach(r -> ofThatPartner.add(r.fields()));
            }
        }
        assertThat(ofThatPartner).isNotEmpty().allSatisfy(fields -> {
            assertThat(fields).containsKey("SoldToParty_YY1_Plan_bus");
            assertThat(fields.get("SoldToParty_YY1_Plan_bus")).isNull();
        });
    }
}
