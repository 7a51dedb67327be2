package io.aihub.connectors.crm.salesforce;

import io.aihub.api.config.ConfigDef;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import java.util.HashMap;
import java.util.Map;

/** Connector configurations pointing at a simulator, as the runtime would pass them. */
final class SalesforceTestConfigs {

    static final String FIELDS = "Name, Industry, AnnualRevenue, NumberOfEmployees, NPS__c, LastModifiedById";

    private SalesforceTestConfigs() {
    }

    static Map<String, String> connection(String loginUrl) {
        Map<String, String> config = new HashMap<>();
        config.put(SalesforceConnectionSettings.LOGIN_URL, loginUrl);
        config.put(SalesforceConnectionSettings.CLIENT_ID, "aihub-demo");
        config.put(SalesforceConnectionSettings.CLIENT_SECRET, "demo-secret");
        config.put(SalesforceConnectionSettings.REQUEST_TIMEOUT, "10s");
        return config;
    }

    static Map<String, String> source(SalesforceSimulator sim, String... overrides) {
        Map<String, String> config = connection(sim.baseUrl());
        config.put(SalesforceSourceConnector.FIELDS, FIELDS);
        config.put(SalesforceSourceConnector.BATCH_SIZE, "200");
        return withOverrides(config, overrides);
    }

    static Map<String, String> sink(SalesforceSimulator sim, String... overrides) {
        Map<String, String> config = connection(sim.baseUrl());
        config.put(SalesforceSinkConnector.ALLOWED_FIELDS, "Churn_Score__c, Churn_Risk__c");
        return withOverrides(config, overrides);
    }

    static SalesforceConnectionSettings settings(String loginUrl, String secret) {
        Map<String, String> config = connection(loginUrl);
        config.put(SalesforceConnectionSettings.CLIENT_SECRET, secret);
        return SalesforceConnectionSettings.from("crm",
                SalesforceConnectionSettings.defineConnectionKeys(new ConfigDef())
                        .parse("test", config));
    }

    private static Map<String, String> withOverrides(Map<String, String> config, String... overrides) {
        for (int i = 0; i + 1 < overrides.length; i += 2) {
            config.put(overrides[i], overrides[i + 1]);
        }
        return config;
    }
}
