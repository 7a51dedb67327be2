package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataverseQueryTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final DataverseQuery QUERY = DataverseQuery.of("https://org.example/api/data/v9.2/", "accounts",
            "accountid", List.of("name", "modifiedon", "aihub_plan", "accountid"), true);

    private static DataversePosition at(String stamp) {
        return new DataversePosition(stamp, Instant.parse(stamp), ID);
    }

    @Test
    void shouldSelectThePrimaryKeyTheConfiguredColumnsAndModifiedonOnce() {
        assertThat(QUERY.select()).containsExactly("accountid", "name", "modifiedon", "aihub_plan");
    }

    @Test
    void aFirstReadShouldHaveNoFilter() {
        assertThat(QUERY.filter(null, null)).isNull();
        assertThat(QUERY.url(null, null)).isEqualTo("https://org.example/api/data/v9.2/accounts"
                + "?$select=accountid%2Cname%2Cmodifiedon%2Caihub_plan"
                + "&$orderby=modifiedon%20asc%2Caccountid%20asc&$count=true");
    }

    @Test
    void aReadAfterAPositionShouldContinueStrictlyAfterItsStampAndId() {
        assertThat(QUERY.filter(at("2026-01-05T08:00:13Z"), null)).isEqualTo("modifiedon gt 2026-01-05T08:00:13Z"
                + " or (modifiedon eq 2026-01-05T08:00:13Z and accountid gt " + ID + ")");
    }

    @Test
    void fractionalStampsShouldBeKeptExactly() {
        assertThat(QUERY.filter(at("2026-01-05T08:00:13.250Z"), null)).startsWith("modifiedon gt 2026-01-05T08:00:13.250Z");
    }

    @Test
    void excludingOwnWritesShouldBeAndedToTheWholeKeysetCondition() {
        String user = "0a1b2c3d-0000-4000-8000-00000000a1b0";
        assertThat(QUERY.filter(null, user)).isEqualTo("_modifiedby_value ne " + user);
        assertThat(QUERY.filter(at("2026-01-05T08:00:13Z"), user)).isEqualTo("(modifiedon gt 2026-01-05T08:00:13Z"
                + " or (modifiedon eq 2026-01-05T08:00:13Z and accountid gt " + ID + ")) and _modifiedby_value ne "
                + user);
    }

    @Test
    void theUrlShouldEncodeSpacesAsPercentTwenty() {
        assertThat(QUERY.url(at("2026-01-05T08:00:13Z"), null)).contains("&$filter=modifiedon%20gt%202026-01-05T08"
                + "%3A00%3A13Z%20or%20%28modifiedon%20eq").doesNotContain("+");
    }
}
