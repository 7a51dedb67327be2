package io.aihub.simulators.crm.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The simulator's one JSON mapper, with explicit read limits for every request body it parses. */
final class SalesforceJson {

    /** Request bodies larger than this are refused with 413. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(MAX_BODY_BYTES).build();

    private SalesforceJson() {
    }
}
