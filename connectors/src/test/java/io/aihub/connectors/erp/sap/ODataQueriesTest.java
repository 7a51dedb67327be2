package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ODataQueriesTest {

    private static final SapPosition AFTER = new SapPosition(Instant.parse("2026-01-05T08:00:13.001Z"), "1000042");

    @Test
    void shouldFilterStrictlyAfterThePositionInWatermarkThenKeyOrder() {
        assertThat(ODataQueries.filter("LastChangeDateTime", "BusinessPartner", AFTER, "LastChangedByUser", ""))
                .isEqualTo("(LastChangeDateTime gt datetimeoffset'2026-01-05T08:00:13.001Z' or (LastChangeDateTime"
                        + " eq datetimeoffset'2026-01-05T08:00:13.001Z' and BusinessPartner gt '1000042'))");
    }

    @Test
    void shouldExcludeTheHubsOwnChangesAndReadEverythingFromTheStart() {
        assertThat(ODataQueries.filter("LastChangeDateTime", "SalesOrder", null, "LastChangedByUser", "AIHUB"))
                .isEqualTo("LastChangedByUser ne 'AIHUB'");
        assertThat(ODataQueries.filter("LastChangeDateTime", "SalesOrder", null, "LastChangedByUser", "")).isNull();
    }

    @Test
    void shouldDoubleQuotesInStringLiterals() {
        assertThat(ODataQueries.stringLiteral("O'Neil")).isEqualTo("'O''Neil'");
        assertThat(ODataQueries.filter("W", "K", new SapPosition(Instant.EPOCH, "a'b"), "U", "x'y"))
                .endsWith("K gt 'a''b')) and U ne 'x''y'");
    }

    @Test
    void shouldOrderByWatermarkAndKeyAndUseTopOnlyForClientPaging() {
        Map<String, String> client = ODataQueries.options("F", "LastChangeDateTime", "SalesOrder",
                List.of("SalesOrder", "TotalNetAmount"), 200, true, "100");
        assertThat(ODataQueries.encode(client)).isEqualTo("$filter=F&$orderby=LastChangeDateTime%2CSalesOrder"
                + "&$select=SalesOrder%2CTotalNetAmount&$top=200&$inlinecount=allpages&$format=json&sap-client=100");
        Map<String, String> server = ODataQueries.options(null, "W", "K", List.of("K"), 0, false, "");
        assertThat(server).doesNotContainKeys("$top", "$skip", "$filter", "$inlinecount", "sap-client");
    }

    @Test
    void shouldEncodeSpacesAsPercentTwentyAndQuoteKeysInPaths() {
        assertThat(ODataQueries.percent("a gt 'b'")).isEqualTo("a%20gt%20%27b%27");
        assertThat(ODataQueries.entityPath("A_BusinessPartner", "1000042")).isEqualTo("A_BusinessPartner('1000042')");
        assertThat(ODataQueries.entityPath("A_X", "a b")).isEqualTo("A_X('a%20b')");
    }
}
