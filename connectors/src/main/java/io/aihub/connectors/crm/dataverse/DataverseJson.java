package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The connectors' JSON mapper for Dataverse, with explicit read limits on every response parsed. */
final class DataverseJson {

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxDocumentLength(32L * 1024 * 1024)
                    .build())
            .build());

    private DataverseJson() {
    }
}
