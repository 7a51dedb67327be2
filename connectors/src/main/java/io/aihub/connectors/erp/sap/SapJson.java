package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The SAP connectors' JSON mapper, with the hub's read limits ({@link HubJson}) on every response parsed. */
final class SapJson {

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(32L * 1024 * 1024).build();

    private SapJson() {
    }
}
