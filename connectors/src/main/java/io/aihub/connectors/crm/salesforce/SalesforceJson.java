package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The connectors' JSON mapper for Salesforce, with explicit read limits on every response parsed. */
final class SalesforceJson {

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxDocumentLength(8L * 1024 * 1024)
                    .build())
            .build());

    private SalesforceJson() {
    }
}
