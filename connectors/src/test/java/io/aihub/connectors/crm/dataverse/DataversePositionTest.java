package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataversePositionTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @Test
    void theStartShouldHaveNoPosition() {
        assertThat(DataversePosition.of("crm", SourcePosition.START)).isNull();
    }

    @Test
    void aStoredPositionShouldRoundTrip() {
        SourcePosition stored = SourcePosition.of("modifiedon", "2026-01-05T08:00:13Z", "id", ID);
        DataversePosition position = DataversePosition.of("crm", stored);

        assertThat(position.id()).isEqualTo(ID);
        assertThat(position.stamp()).hasToString("2026-01-05T08:00:13Z");
        assertThat(position.toSourcePosition()).isEqualTo(stored);
    }

    @Test
    void aPositionThisConnectorDidNotWriteShouldBeRefusedNamingItsKeys() {
        for (Map<String, String> values : new Map[] {
                Map.of("modifiedon", "2026-01-05T08:00:13Z", "id", "001000000000001AAA"),
                Map.of("modifiedon", "yesterday", "id", ID),
                Map.of("systemModstamp", "2026-01-05T08:00:13Z", "id", ID),
                Map.of("modifiedon", "2026-01-05T08:00:13Z", "id", ID, "extra", "x")}) {
            assertThatThrownBy(() -> DataversePosition.of("crm", new SourcePosition(values)))
                    .isInstanceOfSatisfying(PermanentException.class, e -> {
                        assertThat(e.code()).isEqualTo("DATAVERSE_POSITION_INVALID");
                        assertThat(e.getMessage()).contains("crm", "modifiedon", "id");
                    });
        }
    }
}
