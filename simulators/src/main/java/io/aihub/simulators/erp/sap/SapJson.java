package io.aihub.simulators.erp.sap;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The SAP simulator's JSON mapper, with explicit read limits for request bodies. */
final class SapJson {

    /** Request bodies larger than this are refused with 413. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(MAX_BODY_BYTES).build();

    private SapJson() {
    }
}
