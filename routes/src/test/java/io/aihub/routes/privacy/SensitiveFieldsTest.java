package io.aihub.routes.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SensitiveFieldsTest {

    private static final String KEY = "pii-hash-key-for-tests-0123456789";

    @Test
    void hashShouldBeTheKeyedHmacSha256OfTheValueSoABusinessSystemWithTheKeyCanJoinOnIt() throws Exception {
        SensitiveFields fields = SensitiveFields.parse("s", "Email__c:hash", Optional.of(KEY));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "hmac-sha256:" + HexFormat.of().formatHex(
                mac.doFinal("jane@example.com".getBytes(StandardCharsets.UTF_8)));

        assertThat(fields.protect(Map.of("Email__c", "jane@example.com"))).containsEntry("Email__c", expected);
        assertThat(fields.protect(Map.of("Email__c", "jane@example.com")))
                .isEqualTo(fields.protect(Map.of("Email__c", "jane@example.com")));
    }

    @Test
    void hashShouldDependOnTheKeySoValuesCannotBeGuessedWithoutIt() {
        Map<String, Object> record = Map.of("Email__c", "jane@example.com");

        assertThat(SensitiveFields.parse("s", "Email__c:hash", Optional.of(KEY)).protect(record))
                .isNotEqualTo(SensitiveFields.parse("s", "Email__c:hash", Optional.of(KEY + "x")).protect(record));
    }

    @Test
    void maskShouldKeepOnlyTheLastFourCharactersOfLongValuesAndNothingOfShortOnes() {
        SensitiveFields fields = SensitiveFields.parse("s", "Phone:mask,Pin:MASK", Optional.empty());

        Map<String, Object> out = fields.protect(Map.of("Phone", "+44 7700 900123", "Pin", "1234567"));

        assertThat(out).containsEntry("Phone", "****0123").containsEntry("Pin", "****");
    }

    @Test
    void dropShouldRemoveTheFieldAndNullsAndUnmarkedFieldsShouldPassUnchanged() {
        SensitiveFields fields = SensitiveFields.parse("s", " Notes : drop , Email__c:hash ", Optional.of(KEY));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("Notes", "text");
        record.put("Email__c", null);
        record.put("NPS__c", 7.0);

        Map<String, Object> out = fields.protect(record);

        assertThat(out).containsOnlyKeys("Email__c", "NPS__c").containsEntry("NPS__c", 7.0);
        assertThat(out.get("Email__c")).isNull();
    }

    @Test
    void shouldReportEveryBadEntryAtOnceAndAMissingHashKeyWithoutShowingAnyKey() {
        assertThatThrownBy(() -> SensitiveFields.parse("aihub.route.r.sensitive",
                "Email__c:hash,Phone:scramble,Notes,Email__c:mask,bad field:drop", Optional.empty()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "field Phone needs ':mask', ':hash' or ':drop'",
                        "field Notes needs ':mask', ':hash' or ':drop'",
                        "field Email__c is listed twice",
                        "'bad field' is not a field name",
                        "hashing needs aihub.pii.hashKey (environment variable AIHUB_PII_HASHKEY or the secrets"
                                + " file)"));
        assertThatThrownBy(() -> SensitiveFields.parse("s", "Email__c:hash", Optional.of("short-key")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at least 16 bytes")
                .hasMessageNotContaining("short-key");
    }

    @Test
    void blankSettingShouldProtectNothingAndToStringShouldNeverShowTheKey() {
        assertThat(SensitiveFields.parse("s", " ", Optional.empty())).isSameAs(SensitiveFields.NONE);
        assertThat(SensitiveFields.parse("s", "Email__c:hash", Optional.of(KEY)).toString())
                .isEqualTo("SensitiveFields{Email__c=HASH}").doesNotContain(KEY);
    }
}
