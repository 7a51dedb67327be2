package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoqlParserTest {

    private static final String ID_7 = SalesforceIds.of("001", "5g0", 7);
    private static final String ID_8 = SalesforceIds.of("001", "5g0", 8);
    private static final Instant T13 = Instant.parse("2026-01-05T08:00:13Z");

    private static SoqlQuery parse(String soql) {
        return SoqlParser.parse(soql, SObjectSchema.ACCOUNT);
    }

    private static Map<String, Object> row(String id, Instant stamp, String lastModifiedBy) {
        Map<String, Object> row = new HashMap<>();
        row.put("Id", id);
        row.put("SystemModstamp", stamp);
        row.put("LastModifiedById", lastModifiedBy);
        row.put("Name", "Acme");
        row.put("NPS__c", null);
        row.put("NumberOfEmployees", 40);
        return row;
    }

    @Test
    void shouldParseTheConnectorsIncrementalQuery() {
        SoqlQuery query = parse("SELECT Id, Name, SystemModstamp FROM Account WHERE (SystemModstamp > "
                + "2026-01-05T08:00:13.000Z OR (SystemModstamp = 2026-01-05T08:00:13.000Z AND Id > '" + ID_7
                + "')) AND LastModifiedById != '0055g0000000002AAA' ORDER BY SystemModstamp, Id");

        assertThat(query.fields()).extracting(SObjectField::name).containsExactly("Id", "Name", "SystemModstamp");
        assertThat(query.orderBy()).extracting(o -> o.field().name()).containsExactly("SystemModstamp", "Id");
        assertThat(query.limit()).isEqualTo(SoqlQuery.NO_LIMIT);
    }

    @Test
    void shouldResumeTiesOnStampByIdWithoutGapOrDuplicate() {
        SoqlQuery query = parse("SELECT Id FROM Account WHERE SystemModstamp > 2026-01-05T08:00:13.000Z"
                + " OR (SystemModstamp = 2026-01-05T08:00:13.000Z AND Id > '" + ID_7 + "')");

        assertThat(query.matches(row(ID_7, T13, "x"))).as("the last record read").isFalse();
        assertThat(query.matches(row(ID_8, T13, "x"))).as("same stamp, later id").isTrue();
        assertThat(query.matches(row(ID_8, T13.minusMillis(1), "x"))).as("earlier stamp").isFalse();
        assertThat(query.matches(row(SalesforceIds.of("001", "5g0", 1), T13.plusMillis(1), "x")))
                .as("later stamp, smaller id").isTrue();
    }

    @Test
    void shouldAcceptEveryDateTimeLiteralFormSalesforceAccepts() {
        for (String literal : List.of("2026-01-05T08:00:13Z", "2026-01-05T08:00:13.000Z",
                "2026-01-05T08:00:13.000+0000", "2026-01-05T09:00:13.000+01:00", "2026-01-05T07:00:13-0100")) {
            SoqlQuery query = parse("SELECT Id FROM Account WHERE SystemModstamp = " + literal);
            assertThat(query.matches(row(ID_7, T13, "x"))).as(literal).isTrue();
        }
    }

    @Test
    void shouldGroupByParenthesesAndRefuseMixedAndOrWithoutThem() {
        Map<String, Object> record = row(ID_7, T13, "u");
        SoqlQuery andFirst = parse("SELECT Id FROM Account WHERE (Name = 'Acme' AND NumberOfEmployees > 100)"
                + " OR LastModifiedById = 'u'");
        SoqlQuery orFirst = parse("SELECT Id FROM Account WHERE Name = 'Acme' AND (NumberOfEmployees > 100"
                + " OR LastModifiedById = 'v')");

        assertThat(andFirst.matches(record)).isTrue();
        assertThat(orFirst.matches(record)).isFalse();
        assertThatThrownBy(() -> parse("SELECT Id FROM Account WHERE Name = 'Acme' AND NumberOfEmployees > 100"
                + " OR LastModifiedById = 'u'"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
                    assertThat(e.getMessage()).contains("unexpected token: 'OR'");
                });
    }

    @Test
    void shouldChainOperatorsOfOneKindAndNegateWithNot() {
        Map<String, Object> record = row(ID_7, T13, "u");

        assertThat(parse("SELECT Id FROM Account WHERE Name = 'x' OR Name = 'y' OR Name = 'acme'")
                .matches(record)).isTrue();
        assertThat(parse("SELECT Id FROM Account WHERE NOT (Name = 'Acme')").matches(record)).isFalse();
        assertThat(parse("SELECT Id FROM Account WHERE Id IN ('" + ID_8 + "', '" + ID_7 + "')").matches(record))
                .isTrue();
        assertThat(parse("SELECT Id FROM Account WHERE Id NOT IN ('" + ID_7 + "')").matches(record)).isFalse();
    }

    @Test
    void shouldUnescapeStringLiterals() {
        Map<String, Object> record = row(ID_7, T13, "u");
        record.put("Name", "O'Brien \\ \"Sons\"\n");

        assertThat(parse("SELECT Id FROM Account WHERE Name = 'O\\'Brien \\\\ \\\"Sons\\\"\\n'").matches(record))
                .isTrue();
        assertThatThrownBy(() -> parse("SELECT Id FROM Account WHERE Name = 'a\\x'"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("MALFORMED_QUERY"));
        assertThatThrownBy(() -> parse("SELECT Id FROM Account WHERE Name = 'O'Brien'"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode())
                        .isEqualTo("MALFORMED_QUERY"));
    }

    @Test
    void shouldTreatNullTheSoqlWay() {
        Map<String, Object> record = row(ID_7, T13, "u");

        assertThat(parse("SELECT Id FROM Account WHERE NPS__c = null").matches(record)).isTrue();
        assertThat(parse("SELECT Id FROM Account WHERE NPS__c != 5").matches(record)).isTrue();
        assertThat(parse("SELECT Id FROM Account WHERE NPS__c > 5").matches(record)).isFalse();
        assertThat(parse("SELECT Id FROM Account WHERE NPS__c != null").matches(record)).isFalse();
    }

    @Test
    void shouldResolveKeywordsAndFieldNamesCaseInsensitively() {
        SoqlQuery query = parse("select id, systemmodstamp from account where name = 'ACME' order by id desc limit 5");

        assertThat(query.fields()).extracting(SObjectField::name).containsExactly("Id", "SystemModstamp");
        assertThat(query.matches(row(ID_7, T13, "u"))).isTrue();
        assertThat(query.limit()).isEqualTo(5);
        assertThat(query.orderBy().get(0).descending()).isTrue();
    }

    @Test
    void shouldReportMalformedQueries() {
        for (String soql : List.of("SELECT FROM Account", "SELECT Id Account", "SELECT Id FROM Account WHERE",
                "SELECT Id FROM Account WHERE (Name = 'a'", "SELECT Id FROM Account ORDER SystemModstamp",
                "SELECT Id FROM Account LIMIT -1", "SELECT Id, Id FROM Account",
                "SELECT Id FROM Account WHERE Name ~ 'a'",
                "SELECT Id FROM Account trailing")) {
            assertThatThrownBy(() -> parse(soql)).as(soql)
                    .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode())
                            .isEqualTo("MALFORMED_QUERY"));
        }
    }

    @Test
    void shouldReportUnknownFieldsObjectsAndMistypedLiterals() {
        assertThatThrownBy(() -> parse("SELECT Id, Revenue FROM Account"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
                    assertThat(e.getMessage()).contains("No such column 'Revenue'");
                });
        assertThatThrownBy(() -> parse("SELECT Id FROM Contact"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_TYPE"));
        assertThatThrownBy(() -> parse("SELECT Id FROM Account WHERE SystemModstamp > '2026-01-05T08:00:13Z'"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
                    assertThat(e.getMessage()).contains("must be of type dateTime and should not be enclosed");
                });
        assertThatThrownBy(() -> parse("SELECT Id FROM Account WHERE Name = 5"))
                .isInstanceOfSatisfying(SoqlException.class, e -> assertThat(e.errorCode()).isEqualTo("INVALID_FIELD"));
    }

    @Test
    void shouldOrderByStampThenIdWithNullsFirst() {
        SoqlQuery query = parse("SELECT Id FROM Account ORDER BY SystemModstamp, Id");
        Map<String, Object> early = row(ID_8, T13, "u");
        Map<String, Object> tieSmallerId = row(ID_7, T13.plusSeconds(1), "u");
        Map<String, Object> tieLargerId = row(ID_8, T13.plusSeconds(1), "u");
        Map<String, Object> nullStamp = row(SalesforceIds.of("001", "5g0", 99), null, "u");

        List<Map<String, Object>> sorted = new ArrayList<>(List.of(tieLargerId, early, tieSmallerId, nullStamp));
        sorted.sort(query.ordering());

        assertThat(sorted).containsExactly(nullStamp, early, tieSmallerId, tieLargerId);
    }
}
