package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.PermanentException;
import io.aihub.api.source.SourcePosition;
import io.aihub.api.source.SourceRecord;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SalesforceRecordMapperTest {

    private final SalesforceRecordMapper mapper = new SalesforceRecordMapper("crm", "Account");

    @Test
    void shouldMapFieldsToJavaValuesAndStampToVersionAndPosition() throws Exception {
        SourceRecord record = mapper.toSourceRecord(SalesforceJson.MAPPER.readTree("""
                {"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/0015g0000000001AAA"},
                 "Id":"0015g0000000001AAA","Name":"Acme","AnnualRevenue":1250000.0,"NumberOfEmployees":42,
                 "NPS__c":null,"IsPartner":true,"SystemModstamp":"2026-01-05T08:00:13.000+0000"}"""));

        assertThat(record.system()).isEqualTo("crm");
        assertThat(record.entity()).isEqualTo("Account");
        assertThat(record.id()).isEqualTo("0015g0000000001AAA");
        assertThat(record.version()).isEqualTo("2026-01-05T08:00:13.000+0000");
        assertThat(record.modifiedAt()).isEqualTo(Instant.parse("2026-01-05T08:00:13Z"));
        assertThat(record.fields()).containsOnlyKeys("Id", "Name", "AnnualRevenue", "NumberOfEmployees", "NPS__c",
                "IsPartner", "SystemModstamp");
        assertThat(record.fields().get("AnnualRevenue")).isEqualTo(1250000.0);
        assertThat(record.fields().get("NumberOfEmployees")).isEqualTo(42L);
        assertThat(record.fields().get("IsPartner")).isEqualTo(true);
        assertThat(record.fields()).containsEntry("NPS__c", null);
        assertThat(record.position()).isEqualTo(SourcePosition.of("systemModstamp", "2026-01-05T08:00:13.000+0000",
                "id", "0015g0000000001AAA"));
    }

    @Test
    void shouldRefuseRecordsWithoutIdOrStamp() throws Exception {
        String withoutStamp = "{\"Id\":\"0015g0000000001AAA\"}";

        assertThatThrownBy(() -> mapper.toSourceRecord(SalesforceJson.MAPPER.readTree(withoutStamp)))
                .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.code())
                        .isEqualTo("SALESFORCE_PROTOCOL"));
    }

    @Test
    void shouldRefuseStoredPositionsThisConnectorDidNotWrite() {
        assertThat(SalesforcePosition.of("crm", SourcePosition.START)).isNull();
        for (SourcePosition bad : new SourcePosition[] {
            new SourcePosition(Map.of("offset", "12")),
            SourcePosition.of("systemModstamp", "yesterday", "id", "0015g0000000001AAA"),
            SourcePosition.of("systemModstamp", "2026-01-05T08:00:13.000+0000", "id", "1' OR Id != '")}) {
            assertThatThrownBy(() -> SalesforcePosition.of("crm", bad))
                    .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.code())
                            .isEqualTo("SALESFORCE_POSITION_INVALID"));
        }
    }
}
