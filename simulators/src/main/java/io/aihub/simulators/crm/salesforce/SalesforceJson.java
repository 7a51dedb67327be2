package io.aihub.simulators.crm.salesforce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulator's one JSON mapper, with explicit read limits for every request body it parses. */
final class SalesforceJson {

    /** Request bodies larger than this are refused with 413. */
    static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxDocumentLength(MAX_BODY_BYTES)
                    .build())
            .build());

    private SalesforceJson() {
    }
}
