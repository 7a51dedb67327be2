package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.AihubException;
import java.util.List;

/**
 * Fuzzes what the SAP connector reads from an OData v2 response: the JSON itself (with the hub's read limits), each
 * entity of {@code d.results} mapped to a record, and error bodies. Any body ends in records, an
 * {@link AihubException} or a {@link JsonProcessingException}; never another exception or a stack overflow.
 */
class SapResponseFuzzTest {

    private static final SapRecordMapper MAPPER = new SapRecordMapper("fuzz", "A_BusinessPartner", "BusinessPartner",
            "LastChangeDateTime", List.of("BusinessPartnerName", "Industry"));

    @FuzzTest(maxDuration = "30s")
    void responseReadersAnswerEveryBody(byte[] body) {
        assertThat(SapErrors.describe(500, body)).isNotNull();
        JsonNode page;
        try {
            page = SapJson.MAPPER.readTree(body);
        } catch (JsonProcessingException expected) {
            return;
        } catch (java.io.IOException unexpected) {
            throw new AssertionError(unexpected);
        }
        if (page == null) {
            return;
        }
        for (JsonNode entity : page.path("d").path("results")) {
            try {
                assertThat(MAPPER.toSourceRecord(entity)).isNotNull();
            } catch (AihubException expected) {
                assertThat(expected.code()).isNotBlank();
            }
        }
    }
}
