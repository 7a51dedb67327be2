package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesforceQueryPagerTest {

    private static SalesforceQueryPager pager(List<String> fields) {
        return pager(fields, false);
    }

    private static SalesforceQueryPager pager(List<String> fields, boolean includeDeleted) {
        SalesforceSession session = new SalesforceSession(SalesforceTestConfigs.settings("http://127.0.0.1:9", "x"));
        return new SalesforceQueryPager(session, "crm", "v62.0", "Account", fields, 200, true, includeDeleted);
    }

    @Test
    void shouldQueryEverythingInStampIdOrderFromTheStart() {
        assertThat(pager(List.of("Name")).soql(null, null))
                .isEqualTo("SELECT Id, Name, SystemModstamp FROM Account ORDER BY SystemModstamp, Id");
    }

    @Test
    void shouldResumeStrictlyAfterTheStampAndIdAndExcludeTheOwnUser() {
        SalesforcePosition after = new SalesforcePosition("2026-01-05T08:00:13.000+0000",
                Instant.parse("2026-01-05T08:00:13Z"), "0015g0000000007AAA");

        assertThat(pager(List.of("Name", "Industry")).soql(after, "0055g0000000002AAA")).isEqualTo(
                "SELECT Id, Name, Industry, SystemModstamp FROM Account WHERE (SystemModstamp > "
                + "2026-01-05T08:00:13.000Z OR (SystemModstamp = 2026-01-05T08:00:13.000Z AND Id > "
                + "'0015g0000000007AAA')) AND LastModifiedById != '0055g0000000002AAA' ORDER BY SystemModstamp, Id");
    }

    @Test
    void shouldSelectIdAndSystemModstampExactlyOnceWhateverTheirCase() {
        assertThat(SalesforceQueryPager.selectList(List.of("systemmodstamp", "Name", "ID", "name"), false))
                .containsExactly("Id", "systemmodstamp", "Name");
    }

    @Test
    void shouldSelectIsDeletedOnceWhenReadingDeletedRecords() {
        assertThat(SalesforceQueryPager.selectList(List.of("Name", "isdeleted"), true))
                .containsExactly("Id", "Name", "isdeleted", "SystemModstamp");
        assertThat(pager(List.of("Name"), true).soql(null, null))
                .isEqualTo("SELECT Id, Name, SystemModstamp, IsDeleted FROM Account ORDER BY SystemModstamp, Id");
    }

    @Test
    void shouldEscapeValuesPutIntoStringLiterals() {
        assertThat(SoqlLiterals.quote("O'Brien \\ \"x\"\n")).isEqualTo("'O\\'Brien \\\\ \\\"x\\\"\\n'");
        assertThat(pager(List.of("Name")).soql(null, "005' OR Name != '")).contains(
                "LastModifiedById != '005\\' OR Name != \\''");
    }

    @Test
    void shouldFormatStampsAsUtcSoqlLiteralsWithMilliseconds() {
        assertThat(SoqlLiterals.dateTime(SoqlLiterals.parseDateTime("2026-01-05T09:00:13.5+0100")))
                .isEqualTo("2026-01-05T08:00:13.500Z");
    }
}
