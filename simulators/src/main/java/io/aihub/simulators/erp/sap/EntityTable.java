package io.aihub.simulators.erp.sap;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One entity set's rows, held typed (String, Integer, BigDecimal, Instant). Every method is atomic: a query
 * sees a consistent snapshot, and a write is checked (existence, If-Match) and applied as one step. Every
 * change stamps {@code LastChangeDateTime} from the clock and {@code LastChangedByUser}, which also changes
 * the ETag (derived from the stamp, as SAP derives it).
 */
final class EntityTable {

    static final String STAMP = "LastChangeDateTime";
    static final String CHANGED_BY = "LastChangedByUser";

    private static final DateTimeFormatter ETAG_TIME = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    /** Why a write was refused; the handler renders it. */
    enum Refusal { NOT_FOUND, PRECONDITION_REQUIRED, PRECONDITION_FAILED }

    /** A write refused by the table. */
    static final class WriteRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Refusal refusal;

        WriteRefused(Refusal refusal) {
            super(refusal.name(), null, false, false);
            this.refusal = refusal;
        }
    }

    private final SapService service;
    private final SapClock clock;
    private final Map<String, Map<String, Object>> rows = new TreeMap<>();

    EntityTable(SapService service, SapClock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** The ETag of a row: {@code W/"datetimeoffset'<stamp, colons escaped>'"}. */
    static String etag(Map<String, Object> row) {
        String stamp = ETAG_TIME.format((Instant) row.get(STAMP)).replace(":", "%3A");
        return "W/\"datetimeoffset'" + stamp + "'\"";
    }

    synchronized void put(Map<String, Object> row) {
        rows.put((String) row.get(service.keyProperty()), new LinkedHashMap<>(row));
    }

    synchronized Set<String> keys() {
        return Collections.unmodifiableSet(new TreeSet<>(rows.keySet()));
    }

    /** A copy of a row, or null. */
    synchronized Map<String, Object> get(String key) {
        Map<String, Object> row = rows.get(key);
        return row == null ? null : new LinkedHashMap<>(row);
    }

    /**
     * One window of a query's result.
     *
     * @param rows  copies of the rows in the window, in order
     * @param total how many rows matched in all
     * @param end   the index just after the window in the whole result
     */
    record Slice(List<Map<String, Object>> rows, int total, int end) {
    }

    /** Chooses the window {@code [start, end)} of a result of {@code total} rows. */
    @FunctionalInterface
    interface Window {
        int[] of(int total);
    }

    /** The matching rows in {@code order}, cut to {@code window}; only the window is copied. */
    synchronized Slice query(Predicate<Map<String, Object>> filter, Comparator<Map<String, Object>> order,
            Window window) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : rows.values()) {
            if (filter.test(row)) {
                matching.add(row);
            }
        }
        matching.sort(order);
        int[] range = window.of(matching.size());
        List<Map<String, Object>> copies = new ArrayList<>(range[1] - range[0]);
        for (Map<String, Object> row : matching.subList(range[0], range[1])) {
            copies.add(new LinkedHashMap<>(row));
        }
        return new Slice(copies, matching.size(), range[1]);
    }

    /**
     * Applies validated values if {@code ifMatch} names the current ETag (or is {@code *}).
     *
     * @return a copy of the row after the write
     * @throws WriteRefused when the row is missing, If-Match is missing although required, or stale
     */
    synchronized Map<String, Object> patch(String key, Map<String, Object> values, String ifMatch,
            boolean requireIfMatch, String user) {
        Map<String, Object> row = rows.get(key);
        if (row == null) {
            throw new WriteRefused(Refusal.NOT_FOUND);
        }
        if (ifMatch == null && requireIfMatch) {
            throw new WriteRefused(Refusal.PRECONDITION_REQUIRED);
        }
        if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(etag(row))) {
            throw new WriteRefused(Refusal.PRECONDITION_FAILED);
        }
        row.putAll(values);
        stamp(row, user);
        return new LinkedHashMap<>(row);
    }

    /** Someone edits one row with {@code edit}; the row is stamped. */
    synchronized void edit(String key, String user, Consumer<Map<String, Object>> edit) {
        Map<String, Object> row = rows.get(key);
        if (row == null) {
            throw new IllegalArgumentException("no such " + service.entitySet() + ": " + key);
        }
        edit.accept(row);
        stamp(row, user);
    }

    /** Someone edits {@code n} distinct rows chosen by {@code seed}; returns their keys in edit order. */
    synchronized List<String> editMany(int n, long seed, String user, Consumer<Map<String, Object>> edit) {
        List<String> keys = new ArrayList<>(rows.keySet());
        if (n < 0 || n > keys.size()) {
            throw new IllegalArgumentException("can modify between 0 and " + keys.size() + " rows, not " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> chosen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Collections.swap(keys, i, i + rnd.nextInt(keys.size() - i));
            edit(keys.get(i), user, edit);
            chosen.add(keys.get(i));
        }
        return chosen;
    }

    /** Inserts rows that all get one new stamp, as one transaction does; returns their keys in order. */
    synchronized List<String> insertSharingOneStamp(List<Map<String, Object>> newRows, String user) {
        Instant now = clock.tick();
        List<String> keys = new ArrayList<>(newRows.size());
        for (Map<String, Object> fresh : newRows) {
            Map<String, Object> row = new LinkedHashMap<>(fresh);
            String key = (String) row.get(service.keyProperty());
            if (rows.containsKey(key)) {
                throw new IllegalArgumentException("duplicate key " + key);
            }
            row.put(STAMP, now);
            row.put(CHANGED_BY, user);
            rows.put(key, row);
            keys.add(key);
        }
        return keys;
    }

    synchronized void delete(String key) {
        if (rows.remove(key) == null) {
            throw new IllegalArgumentException("no such " + service.entitySet() + ": " + key);
        }
    }

    synchronized int size() {
        return rows.size();
    }

    private void stamp(Map<String, Object> row, String user) {
        row.put(STAMP, clock.tick());
        row.put(CHANGED_BY, user);
    }
}
