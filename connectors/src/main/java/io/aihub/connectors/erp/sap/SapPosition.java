package io.aihub.connectors.erp.sap;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;

/**
 * A position in the (watermark, key) order the source reads in: just after the record with this
 * {@code LastChangeDateTime} (or the configured watermark property) and key.
 *
 * @param watermark the record's watermark, at the millisecond resolution OData v2 JSON shows
 * @param key       the record's key
 */
record SapPosition(Instant watermark, String key) implements Comparable<SapPosition> {

    /** Position key: the watermark of the last record returned, ISO-8601 UTC. */
    static final String WATERMARK = "watermark";
    /** Position key: the key of the last record returned. */
    static final String KEY = "key";

    private static final Comparator<SapPosition> ORDER = Comparator.comparing(SapPosition::watermark)
            .thenComparing(SapPosition::key);

    SapPosition {
        Objects.requireNonNull(watermark, "watermark");
        Objects.requireNonNull(key, "key");
    }

    /**
     * Reads a stored position; null for {@link SourcePosition#START}.
     *
     * @throws PermanentException {@code SAP_POSITION_INVALID} when the position is not one this connector wrote
     */
    static SapPosition of(String instanceName, SourcePosition position) {
        if (position.isStart()) {
            return null;
        }
        String watermark = position.get(WATERMARK);
        String key = position.get(KEY);
        PermanentException invalid = new PermanentException("SAP_POSITION_INVALID", "connector '" + instanceName
                + "': the stored position needs keys " + WATERMARK + " (an ISO-8601 instant) and " + KEY
                + " (a record key), got keys " + position.values().keySet());
        if (watermark == null || key == null || key.isEmpty() || position.values().size() != 2) {
            throw invalid;
        }
        try {
            return new SapPosition(Instant.parse(watermark), key);
        } catch (DateTimeParseException e) {
            throw invalid;
        }
    }

    SourcePosition toSourcePosition() {
        return SourcePosition.of(WATERMARK, ODataDates.iso(watermark), KEY, key);
    }

    @Override
    public int compareTo(SapPosition other) {
        return ORDER.compare(this, other);
    }
}
