package io.aihub.simulators.crm.salesforce;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The date-time text Salesforce's REST API returns, e.g. {@code 2026-01-05T08:00:00.000+0000}. */
public final class SalesforceDates {

    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx")
            .withZone(ZoneOffset.UTC);

    private SalesforceDates() {
    }

    public static String format(Instant instant) {
        return WIRE.format(instant);
    }

    /** Parses the wire form or a SOQL literal ({@code 2026-01-05T08:00:00.000Z} or with an offset). */
    public static Instant parse(String text) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.replaceFirst("([+-]\\d\\d)(\\d\\d)$", "$1:$2"),
                Instant::from);
    }
}
