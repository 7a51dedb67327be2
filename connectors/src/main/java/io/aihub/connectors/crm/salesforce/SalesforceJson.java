package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The connectors' JSON mapper for Salesforce, with the hub's read limits ({@link HubJson}) on every response parsed. */
final class SalesforceJson {

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(8L * 1024 * 1024).build();

    private SalesforceJson() {
    }
}
