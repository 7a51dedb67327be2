package io.aihub.connectors.portal.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The JSON mapper for webhook bodies, with explicit read limits; the body size is limited before parsing. */
final class WebhookJson {

    /** The largest body any endpoint may be configured to accept. */
    static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1_000_000)
                    .maxNumberLength(100)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WebhookJson() {
    }
}
