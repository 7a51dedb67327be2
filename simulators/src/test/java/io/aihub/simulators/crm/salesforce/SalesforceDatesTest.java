package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class SalesforceDatesTest {

    @Test
    void shouldReadBackWhatItWrites() {
        for (long seconds = -86_400L * 400; seconds < 86_400L * 400 * 60; seconds += 7_777_777) {
            Instant instant = Instant.ofEpochSecond(seconds, 123_000_000);
            assertThat(SalesforceDates.parse(SalesforceDates.format(instant))).isEqualTo(instant);
        }
    }

    @Test
    void shouldWriteWhatThePatternWrites() {
        DateTimeFormatter pattern = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx").withZone(ZoneOffset.UTC);
        for (Instant instant : new Instant[] {Instant.parse("2026-01-05T08:00:00Z"),
            Instant.parse("1970-01-01T00:00:00.001Z"), Instant.parse("0001-01-01T00:00:00Z"),
            Instant.parse("9999-12-31T23:59:59.999999Z"), Instant.parse("0000-06-01T12:00:00Z"),
            Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("2026-03-07T05:04:03.020Z")}) {
            assertThat(SalesforceDates.format(instant)).as(instant.toString()).isEqualTo(pattern.format(instant));
        }
    }

    @Test
    void shouldReadTheWireFormWithAnyOffsetAsIsoParsingDoes() {
        for (String text : new String[] {"2026-01-05T08:00:00.000+0000", "2026-01-05T08:00:00.250+0530",
            "2026-01-05T08:00:00.999-1100", "1999-12-31T23:59:59.001-0000", "2028-02-29T00:00:00.000+1800"}) {
            String iso = text.substring(0, 26) + ":" + text.substring(26);
            assertThat(SalesforceDates.parse(text)).as(text)
                    .isEqualTo(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(iso, Instant::from));
        }
    }

    @Test
    void shouldReadSoqlLiterals() {
        assertThat(SalesforceDates.parse("2026-01-05T08:00:00Z")).isEqualTo(Instant.parse("2026-01-05T08:00:00Z"));
        assertThat(SalesforceDates.parse("2026-01-05T08:00:00.5+01:00"))
                .isEqualTo(Instant.parse("2026-01-05T07:00:00.500Z"));
    }

    @Test
    void shouldRefuseImpossibleDatesWithTheParseError() {
        for (String text : new String[] {"2026-02-30T08:00:00.000+0000", "2026-01-05T24:00:00.000+0000",
            "2026-01-05T08:00:00.000+0060", "2026-01-05T08:0x:00.000+0000", "not a date"}) {
            assertThatThrownBy(() -> SalesforceDates.parse(text)).as(text)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }
}
