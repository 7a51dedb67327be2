package io.aihub.simulators.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SObjectSchemaTest {

    @Test
    void shouldDescribeEveryGeneratedFieldWithAMatchingTypePlusTheStoresIsDeleted() {
        Map<String, Object> fields = new AccountGenerator(7L).account(0).fields();

        assertThat(SObjectSchema.ACCOUNT.fields()).extracting(SObjectField::name)
                .filteredOn(name -> !name.equals("IsDeleted")).containsExactlyElementsOf(fields.keySet());
        assertThat(SObjectSchema.ACCOUNT.field("isdeleted")).hasValueSatisfying(f -> {
            assertThat(f.type()).isEqualTo(SObjectFieldType.BOOLEAN);
            assertThat(f.updateable()).isFalse();
        });
        fields.forEach((name, value) -> {
            SObjectField field = SObjectSchema.ACCOUNT.field(name).orElseThrow();
            Object typed = field.type() == SObjectFieldType.DATETIME && value != null
                    ? SalesforceDates.parse((String) value) : value;
            if (typed != null) {
                assertThat(field.type().accepts(typed)).as(name).isTrue();
            }
        });
    }

    @Test
    void shouldNormalizeFifteenCharacterIdsAndRefuseMalformedOnes() {
        String id18 = SalesforceIds.of("001", "5g0", 12_345);

        assertThat(SalesforceIds.normalize(id18.substring(0, 15))).isEqualTo(id18);
        assertThat(SalesforceIds.normalize(id18)).isEqualTo(id18);
        assertThat(SalesforceIds.normalize(id18.substring(0, 15) + "ZZZ")).isNull();
        assertThat(SalesforceIds.normalize("001-not-an-id!!")).isNull();
        assertThat(SalesforceIds.normalize("001")).isNull();
    }
}
