package io.aihub.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void shouldReadWhatInstantToStringWritesLikeInstantParse() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void shouldReadEveryFractionLengthAndLeapDaysLikeInstantParse() {
        for (String text : List.of("2024-02-29T23:59:59Z", "2000-02-29T00:00:00Z", "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.9Z", "2026-12-02T11:40:36.12Z", "2026-12-02T11:40:36.123Z",
                "2026-12-02T11:40:36.1234Z", "2026-12-02T11:40:36.12345Z", "2026-12-02T11:40:36.123456Z",
                "2026-12-02T11:40:36.1234567Z", "2026-12-02T11:40:36.12345678Z", "2026-12-02T11:40:36.123456789Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void shouldLeaveOtherFormsToInstantParse() {
        // offsets, lower case, leap seconds, 24:00 and an empty fraction are valid for Instant.parse but not read
        // directly
        for (String text : List.of("2026-12-02T12:40:36+01:00", "2026-12-02t11:40:36z", "2016-12-31T23:59:60Z",
                "+10000-01-01T00:00:00Z", "2026-12-02T24:00:00Z", "2026-12-02T11:40:36.Z")) {
            assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @Test
    void shouldRejectWhatInstantParseRejects() {
        for (String text : List.of("", "2026-12-02", "2026-02-30T00:00:00Z", "2023-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-12-02T24:00:01Z", "2026-12-02T11:60:00Z",
                "2026-12-02T11:40:61Z", "2026-12-02T11:40:36.1234567890Z",
                "2026-12-02 11:40:36Z", "2026-12-0xT11:40:36Z", "2026-12-02T11:40:36", "٢٠٢٦-12-02T11:40:36Z")) {
            assertThatThrownBy(() -> Instant.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> InstantText.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
