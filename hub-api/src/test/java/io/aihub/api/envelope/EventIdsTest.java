package io.aihub.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void shouldBeAVersion8UuidAndStableAcrossCalls() {
        String id = EventIds.of("route", "crm", "Account", "001", "v1", "1.0.0");

        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(EventIds.of("route", "crm", "Account", "001", "v1", "1.0.0")).isEqualTo(id);
    }

    @Test
    void shouldNotCollideWhenPartsShiftBetweenFields() {
        // Without length prefixes "ab"+"c" and "a"+"bc" would hash the same text.
        assertThat(EventIds.of("ab", "c", "e", "1", "v", "m")).isNotEqualTo(EventIds.of("a", "bc", "e", "1", "v", "m"));
    }

    @Test
    void shouldGiveDistinctIdsForManyRecords() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(EventIds.of("route", "crm", "Account", "001" + i, "v1", "1.0.0"));
        }
        assertThat(ids).hasSize(100_000);
    }
}
