package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aihub.api.error.AihubException;

/**
 * Fuzzes what the Dataverse connector reads from a response: the JSON itself (with the hub's read limits), each
 * row of {@code value} mapped to a record, and OData error bodies. Any body ends in records, an
 * {@link AihubException} or a {@link JsonProcessingException}; never another exception or a stack overflow.
 */
class DataverseResponseFuzzTest {

    private static final DataverseRecordMapper MAPPER = new DataverseRecordMapper("fuzz", "accounts", "accountid");

    @FuzzTest(maxDuration = "30s")
    void responseReadersAnswerEveryBody(byte[] body) {
        assertThat(DataverseErrors.read(body)).isNotNull();
        JsonNode page;
        try {
            page = DataverseJson.MAPPER.readTree(body);
        } catch (JsonProcessingException expected) {
            return;
        } catch (java.io.IOException unexpected) {
            throw new AssertionError(unexpected);
        }
        if (page == null) {
            return;
        }
        for (JsonNode row : page.path("value")) {
            try {
                assertThat(MAPPER.toSourceRecord(row)).isNotNull();
            } catch (AihubException expected) {
                assertThat(expected.code()).isNotBlank();
            }
        }
    }
}
