package io.aihub.simulators.crm.salesforce;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds query results that did not fit in one page, behind query locators like Salesforce's
 * {@code 01gXXXXXXXXXXXXXXX-2000} (cursor id, dash, records already returned). A cursor unused for
 * {@link #IDLE_EXPIRY} is dropped, and only the {@link #MAX_OPEN} most recently used are kept.
 */
final class QueryCursorStore {

    static final Duration IDLE_EXPIRY = Duration.ofMinutes(15);
    static final int MAX_OPEN = 100;

    private static final Pattern LOCATOR = Pattern.compile("(01g[0-9A-Za-z]{15})-(\\d{1,9})");

    /**
     * One page of a result.
     *
     * @param records     the page's records, rendered for the wire
     * @param total       the size of the whole result
     * @param nextLocator the locator of the next page, or null when this is the last one
     */
    record Page(List<Map<String, Object>> records, int total, String nextLocator) {
        Page {
            records = List.copyOf(records);
        }
    }

    private static final class Cursor {
        private final List<Map<String, Object>> records;
        private final int batchSize;
        private Instant lastUsed;

        private Cursor(List<Map<String, Object>> records, int batchSize, Instant lastUsed) {
            this.records = records;
            this.batchSize = batchSize;
            this.lastUsed = lastUsed;
        }
    }

    private final Map<String, Cursor> cursors = new LinkedHashMap<>(16, 0.75f, true);
    private final Clock clock;
    private long opened;

    QueryCursorStore(Clock clock) {
        this.clock = clock;
    }

    /** The first page of a result; opens a cursor when more pages follow. */
    synchronized Page firstPage(List<Map<String, Object>> records, int batchSize) {
        if (records.size() <= batchSize) {
            return new Page(records, records.size(), null);
        }
        dropExpired();
        String id = SalesforceIds.of("01g", "5g0", ++opened);
        cursors.put(id, new Cursor(List.copyOf(records), batchSize, clock.instant()));
        while (cursors.size() > MAX_OPEN) {
            Iterator<String> eldest = cursors.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return page(id, cursors.get(id), 0);
    }

    /** The page a locator names; empty when the locator is malformed, unknown, expired or out of range. */
    synchronized Optional<Page> page(String locator) {
        Matcher m = LOCATOR.matcher(locator);
        if (!m.matches()) {
            return Optional.empty();
        }
        dropExpired();
        Cursor cursor = cursors.get(m.group(1));
        int offset = Integer.parseInt(m.group(2));
        if (cursor == null || offset >= cursor.records.size()) {
            return Optional.empty();
        }
        cursor.lastUsed = clock.instant();
        return Optional.of(page(m.group(1), cursor, offset));
    }

    private static Page page(String id, Cursor cursor, int offset) {
        int end = Math.min(cursor.records.size(), offset + cursor.batchSize);
        String next = end < cursor.records.size() ? id + "-" + end : null;
        return new Page(cursor.records.subList(offset, end), cursor.records.size(), next);
    }

    private void dropExpired() {
        Instant oldest = clock.instant().minus(IDLE_EXPIRY);
        cursors.values().removeIf(c -> c.lastUsed.isBefore(oldest));
    }
}
