package io.aihub.simulators.erp.sap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The SAP simulator's JSON mapper, with explicit read limits for request bodies. */
final class SapJson {

    /** Request bodies larger than this are refused with 413. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(100_000)
                    .maxDocumentLength(MAX_BODY_BYTES)
                    .build())
            .build());

    private SapJson() {
    }
}
