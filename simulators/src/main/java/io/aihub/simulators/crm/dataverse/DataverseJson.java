package io.aihub.simulators.crm.dataverse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The Dataverse simulator's JSON mapper, with explicit read limits for every request body it parses. */
final class DataverseJson {

    /** Request bodies larger than this are refused with 413. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(MAX_BODY_BYTES).build();

    private DataverseJson() {
    }
}
