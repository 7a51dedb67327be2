package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The connectors' JSON mapper for Dataverse, with the hub's read limits ({@link HubJson}) on every response parsed. */
final class DataverseJson {

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(32L * 1024 * 1024).build();

    private DataverseJson() {
    }
}
