package io.aihub.connectors.erp.sap;

import io.aihub.simulators.erp.sap.SapODataSimulator;
import io.aihub.simulators.erp.sap.SapService;
import java.util.HashMap;
import java.util.Map;

/** Connector configurations pointing at a simulator, as the runtime would pass them. */
final class SapTestConfigs {

    static final String PARTNER_FIELDS = "BusinessPartnerFullName, YY1_DaysSinceLastLogin_bus,"
            + " YY1_SupportCases90d_bus, YY1_TenureMonths_bus, YY1_NPS_bus, YY1_Plan_bus, YY1_MonthlySpend_bus,"
            + " LastChangedByUser";

    private SapTestConfigs() {
    }

    static Map<String, String> connection(SapODataSimulator sim, SapService service) {
        Map<String, String> config = new HashMap<>();
        config.put(SapConnectionSettings.BASE_URL, sim.baseUrl());
        config.put(SapConnectionSettings.SERVICE, service.serviceName());
        config.put(SapConnectionSettings.ENTITY_SET, service.entitySet());
        config.put(SapConnectionSettings.USERNAME, SapODataSimulator.INTEGRATION_USER);
        config.put(SapConnectionSettings.PASSWORD, "demo-password");
        config.put(SapConnectionSettings.REQUEST_TIMEOUT, "10s");
        return config;
    }

    static Map<String, String> partnerSource(SapODataSimulator sim, String... overrides) {
        Map<String, String> config = connection(sim, SapService.BUSINESS_PARTNER);
        config.put(SapSourceConnector.FIELDS, PARTNER_FIELDS);
        config.put(SapSourceConnector.KEY_PROPERTY, "BusinessPartner");
        config.put(SapSourceConnector.BATCH_SIZE, "200");
        return withOverrides(config, overrides);
    }

    static Map<String, String> partnerSink(SapODataSimulator sim, String... overrides) {
        Map<String, String> config = connection(sim, SapService.BUSINESS_PARTNER);
        config.put(SapSinkConnector.ALLOWED_FIELDS, "YY1_ChurnScore_bus, YY1_ChurnRisk_bus");
        return withOverrides(config, overrides);
    }

    private static Map<String, String> withOverrides(Map<String, String> config, String... overrides) {
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }
}
