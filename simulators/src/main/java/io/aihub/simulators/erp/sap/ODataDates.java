package io.aihub.simulators.erp.sap;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Dates as OData v2 renders them: JSON {@code /Date(<ms since epoch>+0000)/} for {@code Edm.DateTimeOffset},
 * {@code /Date(<ms>)/} for {@code Edm.DateTime}, and the URI literals {@code datetimeoffset'...'} and
 * {@code datetime'...'} in {@code $filter}.
 */
final class ODataDates {

    private ODataDates() {
    }

    static String jsonDateTimeOffset(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + "+0000)/";
    }

    static String jsonDateTime(Instant instant) {
        return "/Date(" + instant.toEpochMilli() + ")/";
    }

    /** The text of a {@code datetimeoffset'...'} literal, e.g. {@code 2026-01-05T08:00:00.001Z}. */
    static Instant parseDateTimeOffsetLiteral(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    /** The text of a {@code datetime'...'} literal (no offset; UTC as SAP stores it). */
    static Instant parseDateTimeLiteral(String text) {
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }
}
