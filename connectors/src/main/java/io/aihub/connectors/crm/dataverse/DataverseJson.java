package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The connectors' JSON mapper for Dataverse, with the hub's read limits ({@link HubJson}) on every response parsed. */
final class DataverseJson {

    /** The largest response body read (larger ones are cut off while streaming); also the JSON document limit. */
    static final long MAX_RESPONSE_BYTES = 32L * 1024 * 1024;

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(MAX_RESPONSE_BYTES).build();

    private DataverseJson() {
    }
}
