package io.aihub.connectors.crm.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataverseErrorsTest {

    private static byte[] body(String code, String message) {
        return ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aKnownCodeShouldBeExplainedWithDataversesMessage() {
        DataverseErrors.ODataError error = DataverseErrors.read(body("0x80040217",
                "account With Id = 0f8fad5b-d9cb-469f-a165-70867728950e Does Not Exist"));

        assertThat(error.describe()).isEqualTo("0x80040217 (the record does not exist): account With Id ="
                + " 0f8fad5b-d9cb-469f-a165-70867728950e Does Not Exist");
    }

    @Test
    void valuesInMessagesShouldBeMaskedButColumnNamesKept() {
        assertThat(DataverseErrors.sanitize("The value 12345.5 of 'aihub_churnscore' is outside the range; got"
                + " 'Jane Doe'")).isEqualTo("The value # of 'aihub_churnscore' is outside the range; got '…'");
    }

    @Test
    void serverErrorsShouldBeRetriableAndClientErrorsPermanent() {
        assertThat(DataverseErrors.failure("crm", "query", 503, body("0x80040216", "An unexpected error occurred.")))
                .isInstanceOf(RetriableException.class).hasMessageContaining("HTTP 503").hasMessageContaining("0x80040216");
        assertThat(DataverseErrors.failure("crm", "query", 400, body("0x80060888",
                "Could not find a property named 'nme' on type 'Microsoft.Dynamics.CRM.account'.")))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("a column named in the request does not exist")
                .hasMessageContaining("'nme'");
    }

    @Test
    void aBodyThatIsNotAnODataErrorShouldStillGiveACode() {
        assertThat(DataverseErrors.read("<html>".getBytes(StandardCharsets.UTF_8)).code()).isEqualTo("UNKNOWN");
        assertThat(DataverseErrors.read(new byte[0]).code()).isEqualTo("UNKNOWN");
    }
}
