package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The connectors' JSON mapper for Salesforce, with the hub's read limits ({@link HubJson}) on every response parsed. */
final class SalesforceJson {

    /** The largest response body read (larger ones are cut off while streaming); also the JSON document limit. */
    static final long MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(MAX_RESPONSE_BYTES).build();

    private SalesforceJson() {
    }
}
