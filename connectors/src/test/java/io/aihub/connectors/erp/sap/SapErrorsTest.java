package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.error.PermanentException;
import io.aihub.api.error.RetriableException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SapErrorsTest {

    private static final byte[] SAP_ERROR = ("{\"error\":{\"code\":\"BUPA/012\",\"message\":{\"lang\":\"en\","
            + "\"value\":\"Value 'ACME Ltd.' is not valid for property 'SearchTerm1'\"},\"innererror\":{"
            + "\"transactionid\":\"0A1B\",\"errordetails\":[{\"code\":\"BUPA/012\",\"message\":\"x\"},"
            + "{\"code\":\"/IWBEP/CX_MGW_BUSI_EXCEPTION\",\"message\":\"y\"}]}}}").getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldDescribeSapErrorJsonWithCodeMessageAndDetailCodes() {
        assertThat(SapErrors.describe(400, SAP_ERROR)).isEqualTo("BUPA/012: Value '***' is not valid for property"
                + " 'SearchTerm1' (details: /IWBEP/CX_MGW_BUSI_EXCEPTION)");
        assertThat(SapErrors.code(400, SAP_ERROR)).isEqualTo("BUPA/012");
    }

    @Test
    void shouldDescribePlainTextAndEmptyBodies() {
        byte[] csrf = "CSRF token validation failed".getBytes(StandardCharsets.UTF_8);
        assertThat(SapErrors.describe(403, csrf)).isEqualTo("HTTP 403: CSRF token validation failed");
        assertThat(SapErrors.describe(502, new byte[0])).isEqualTo("HTTP 502");
        assertThat(SapErrors.describe(500, "<html>dump</html>".getBytes(StandardCharsets.UTF_8))).isEqualTo("HTTP 500");
        assertThat(SapErrors.code(404, "{\"oops\":1}".getBytes(StandardCharsets.UTF_8))).isEqualTo("HTTP 404");
    }

    @Test
    void shouldClassifyStatuses() {
        assertThat(SapErrors.failure("erp", "query", 429, SAP_ERROR, "basic")).isInstanceOf(RetriableException.class);
        assertThat(SapErrors.failure("erp", "query", 503, new byte[0], "basic")).isInstanceOf(RetriableException.class);
        assertThat(SapErrors.failure("erp", "query", 401, new byte[0], "basic"))
                .isInstanceOfSatisfying(PermanentException.class, e -> {
                    assertThat(e.code()).isEqualTo("SAP_AUTH");
                    assertThat(e.getMessage()).contains("basic", "cannot log in again");
                });
        assertThat(SapErrors.failure("erp", "query", 400, SAP_ERROR, "basic"))
                .isInstanceOfSatisfying(PermanentException.class, e -> assertThat(e.getMessage()).contains("BUPA/012"));
    }

    @Test
    void shouldShortenLongMessages() {
        assertThat(SapErrors.mask("x".repeat(500))).hasSize(203).endsWith("...");
    }
}
