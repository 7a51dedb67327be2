package io.aihub.connectors.crm.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an entity set in ({@code modifiedon}, primary key) order, one page at a time, asking for
 * {@code Prefer: odata.maxpagesize=<pageSize>}. A new read starts strictly after a position (see
 * {@link DataverseQuery}); further pages follow the opaque {@code @odata.nextLink} as it is. Dataverse evaluates
 * each page on the current data after the previous page's last row, so a row changed while paging moves to the
 * end and is read again in its new version; nothing is skipped.
 *
 * <p>Not thread-safe: one pager per task, used from the polling thread.
 */
final class DataversePager {

    /**
     * One page of raw records.
     *
     * @param records   the records in order, with their annotations
     * @param hasMore   true when the open read has another page
     * @param remaining rows of the open read not returned yet, from {@code @odata.count}, or unknown
     */
    record Page(List<JsonNode> records, boolean hasMore, long remaining) {
        Page {
            records = List.copyOf(records);
        }
    }

    private final DataverseSession session;
    private final String instanceName;
    private final DataverseQuery query;
    private final int pageSize;
    private final boolean excludeOwnWrites;
    private String nextLink;
    private long readTotal = SourcePage.UNKNOWN_BACKLOG;
    private long readSoFar;

    DataversePager(DataverseSession session, String instanceName, DataverseQuery query, int pageSize,
            boolean excludeOwnWrites) {
        this.session = session;
        this.instanceName = instanceName;
        this.query = query;
        this.pageSize = pageSize;
        this.excludeOwnWrites = excludeOwnWrites;
    }

    /** The open read's next page if there is one, else the first page of a new read after {@code after}. */
    Page next(DataversePosition after) {
        Map<String, String> headers = Map.of("Prefer", "odata.maxpagesize=" + pageSize);
        if (nextLink != null) {
            return read(session.getJson("query page", nextLink, headers), false);
        }
        String url = query.url(after, excludeOwnWrites ? session.userId() : null);
        return read(session.getJson("query", url, headers), true);
    }

    /** Forgets the open read; the next page comes from a new read. */
    void reset() {
        nextLink = null;
    }

    private Page read(JsonNode body, boolean newRead) {
        JsonNode value = body.path("value");
        if (!value.isArray()) {
            throw new PermanentException(DataverseErrors.PROTOCOL, "connector '" + instanceName
                    + "': the query response has no value array");
        }
        List<JsonNode> records = new ArrayList<>(value.size());
        value.forEach(records::add);
        String link = body.path("@odata.nextLink").asText(null);
        nextLink = link == null || link.isEmpty() ? null : link;
        if (newRead) {
            JsonNode count = body.path("@odata.count");
            readTotal = count.canConvertToLong() && count.isIntegralNumber() ? count.asLong() : SourcePage.UNKNOWN_BACKLOG;
            readSoFar = 0;
        }
        readSoFar += records.size();
        long remaining = nextLink == null ? 0
                : readTotal == SourcePage.UNKNOWN_BACKLOG ? SourcePage.UNKNOWN_BACKLOG : Math.max(0, readTotal - readSoFar);
        return new Page(records, nextLink != null, remaining);
    }
}
