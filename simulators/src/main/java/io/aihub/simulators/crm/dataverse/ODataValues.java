package io.aihub.simulators.crm.dataverse;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.UUID;

/** Typed column values: their wire form, and how Dataverse (SQL Server) orders them. */
final class ODataValues {

    /** Orders values as SQL Server does: nulls first, GUIDs by their uniqueidentifier byte order. */
    static final Comparator<Object> ORDER = ODataValues::compare;

    private ODataValues() {
    }

    /** The JSON value of a typed column value: date-times to the second with {@code Z}, GUIDs in lower case. */
    static Object wire(Object value) {
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        return value;
    }

    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            return compareGuids(x, y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareToIgnoreCase(y);
        }
        throw ODataError.badQuery("A binary operator with incompatible types was detected.");
    }

    /**
     * SQL Server's uniqueidentifier order: bytes 10–15 first, then 8–9, 6–7, 4–5 and 0–3 last, which is not
     * the order of the GUID text. Clients must therefore never compare ids themselves.
     */
    static int compareGuids(UUID a, UUID b) {
        int first = Long.compareUnsigned(lowGroups(a), lowGroups(b));
        return first != 0 ? first : Long.compareUnsigned(highGroups(a), highGroups(b));
    }

    /** Bytes 10–15 then 8–9 of the GUID, as one unsigned number. */
    private static long lowGroups(UUID id) {
        long lo = id.getLeastSignificantBits();
        return (lo << 16) | (lo >>> 48);
    }

    /** Bytes 6–7, 4–5 and 0–3 of the GUID, as one unsigned number. */
    private static long highGroups(UUID id) {
        long hi = id.getMostSignificantBits();
        return ((hi & 0xFFFFL) << 48) | (((hi >>> 16) & 0xFFFFL) << 32) | (hi >>> 32);
    }
}
