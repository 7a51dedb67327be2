package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueryCursorStoreTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static List<Map<String, Object>> records(int n) {
        return IntStream.range(0, n).mapToObj(i -> Map.<String, Object>of("n", i)).toList();
    }

    @Test
    void shouldServeEveryRecordOnceThroughConsecutiveLocators() {
        QueryCursorStore store = new QueryCursorStore(Clock.systemUTC());
        List<Object> seen = new ArrayList<>();

        QueryCursorStore.Page page = store.firstPage(records(450), 200);
        seen.addAll(page.records().stream().map(r -> r.get("n")).toList());
        while (page.nextLocator() != null) {
            page = store.page(page.nextLocator()).orElseThrow();
            seen.addAll(page.records().stream().map(r -> r.get("n")).toList());
        }

        assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 450).boxed().toList());
        assertThat(page.total()).isEqualTo(450);
    }

    @Test
    void shouldNotOpenACursorWhenOnePageHoldsTheResult() {
        QueryCursorStore.Page page = new QueryCursorStore(Clock.systemUTC()).firstPage(records(200), 200);

        assertThat(page.nextLocator()).isNull();
        assertThat(page.records()).hasSize(200);
    }

    @Test
    void shouldForgetCursorsIdleForFifteenMinutesAndRefuseUnknownLocators() {
        ManualClock clock = new ManualClock();
        QueryCursorStore store = new QueryCursorStore(clock);
        String locator = store.firstPage(records(450), 200).nextLocator();

        clock.now = clock.now.plus(QueryCursorStore.IDLE_EXPIRY).plus(Duration.ofMillis(1));

        assertThat(store.page(locator)).isEmpty();
        assertThat(store.page("01g5g0000000099AAA-200")).isEmpty();
        assertThat(store.page("garbage")).isEmpty();
    }
}
