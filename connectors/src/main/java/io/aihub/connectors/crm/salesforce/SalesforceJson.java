package io.aihub.connectors.crm.salesforce;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aihub.api.json.HubJson;

/** The connectors' JSON mapper for Salesforce, with the hub's read limits ({@link HubJson}) on every response parsed. */
final class SalesforceJson {

    /** The largest response body read (larger ones are cut off while streaming); also the JSON document limit. */
    static final long MAX_RESPONSE_BYTES = 8L * 1024 * 1024;

    /**
     * The most bytes of a query page read per record ({@code SalesforceQueryResponseReader}): pages are streamed,
     * and a record past {@code maxRecordBytes} is skipped and dead-lettered, so this bounds how much a page may make
     * the connector read: up to this much before its first record ends, and this much more for each record read (a
     * record of tens of megabytes is still dead-lettered, an endless one is not skipped for ever).
     */
    static final long MAX_QUERY_PAGE_BYTES_PER_RECORD = 64L * 1024 * 1024;

    static final ObjectMapper MAPPER = HubJson.mapperBuilder(MAX_RESPONSE_BYTES).build();

    private SalesforceJson() {
    }
}
