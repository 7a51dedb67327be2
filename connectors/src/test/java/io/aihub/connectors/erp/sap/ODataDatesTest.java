package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ODataDatesTest {

    @Test
    void shouldParseDateTimeOffsetWithAndWithoutOffsetSuffix() {
        assertThat(ODataDates.parseJson("/Date(1700000000000+0000)/")).contains(Instant.ofEpochMilli(1700000000000L));
        assertThat(ODataDates.parseJson("/Date(1700000000123)/")).contains(Instant.ofEpochMilli(1700000000123L));
        assertThat(ODataDates.parseJson("/Date(1700000000000+0120)/"))
                .as("the offset says how it was entered; the milliseconds are UTC")
                .contains(Instant.ofEpochMilli(1700000000000L));
        assertThat(ODataDates.parseJson("/Date(-86400000)/")).contains(Instant.parse("1969-12-31T00:00:00Z"));
    }

    @Test
    void shouldNotTakeOtherTextForADate() {
        assertThat(ODataDates.parseJson("1000042")).isEmpty();
        assertThat(ODataDates.parseJson("/Date(abc)/")).isEmpty();
        assertThat(ODataDates.parseJson("2026-01-05T08:00:00Z")).isEmpty();
        assertThat(ODataDates.parseJson(null)).isEmpty();
    }

    @Test
    void shouldFormatFilterLiteralsWithMilliseconds() {
        assertThat(ODataDates.dateTimeOffsetLiteral(Instant.ofEpochMilli(1700000000000L)))
                .isEqualTo("datetimeoffset'2023-11-14T22:13:20.000Z'");
        assertThat(ODataDates.iso(Instant.parse("2026-01-05T08:00:00.001Z"))).isEqualTo("2026-01-05T08:00:00.001Z");
    }
}
