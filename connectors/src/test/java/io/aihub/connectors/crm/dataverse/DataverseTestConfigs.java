package io.aihub.connectors.crm.dataverse;

import io.aihub.simulators.crm.dataverse.DataverseSimulator;
import java.util.HashMap;
import java.util.Map;

/** Connector configurations pointing at a simulator, as the runtime would pass them. */
final class DataverseTestConfigs {

    static final String FIELDS = "name, aihub_dayssincelastlogin, aihub_supportcases90d, aihub_tenuremonths,"
            + " aihub_nps, aihub_plan, aihub_monthlyspend";

    private DataverseTestConfigs() {
    }

    static Map<String, String> connection(DataverseSimulator sim) {
        Map<String, String> config = new HashMap<>();
        config.put(DataverseConnectionSettings.ORG_URL, sim.baseUrl());
        config.put(DataverseConnectionSettings.TOKEN_URL, sim.tokenUrl());
        config.put(DataverseConnectionSettings.CLIENT_ID, "aihub-demo");
        config.put(DataverseConnectionSettings.CLIENT_SECRET, "demo-secret");
        config.put(DataverseConnectionSettings.REQUEST_TIMEOUT, "10s");
        config.put(DataverseConnectionSettings.MAX_THROTTLE_WAIT, "2s");
        return config;
    }

    static Map<String, String> source(DataverseSimulator sim, String... overrides) {
        Map<String, String> config = connection(sim);
        config.put(DataverseSourceConnector.FIELDS, FIELDS);
        config.put(DataverseSourceConnector.PAGE_SIZE, "200");
        return withOverrides(config, overrides);
    }

    static Map<String, String> sink(DataverseSimulator sim, String... overrides) {
        Map<String, String> config = connection(sim);
        config.put(DataverseSinkConnector.ALLOWED_FIELDS, "aihub_churnscore, aihub_churnrisk");
        return withOverrides(config, overrides);
    }

    private static Map<String, String> withOverrides(Map<String, String> config, String... overrides) {
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }
}
