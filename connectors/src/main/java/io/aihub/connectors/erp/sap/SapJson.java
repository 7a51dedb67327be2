package io.aihub.connectors.erp.sap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The SAP connectors' JSON mapper, with explicit read limits on every response parsed. */
final class SapJson {

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxDocumentLength(32L * 1024 * 1024)
                    .build())
            .build());

    private SapJson() {
    }
}
