package io.aihub.connectors.portal.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/**
 * The JSON mapper for webhook bodies, with the hub's read limits ({@link HubJson}: depth 64, strings 1 MB,
 * numbers 100 digits, documents 16 MiB); the body size is limited before parsing.
 */
final class WebhookJson {

    /** The largest body any endpoint may be configured to accept. */
    static final long MAX_DOCUMENT_BYTES = 16L * 1024 * 1024;

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(HubJson.limits()
                    .maxNumberLength(100)
                    .maxDocumentLength(MAX_DOCUMENT_BYTES)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private WebhookJson() {
    }
}
