package io.aihub.connectors.crm.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.aihub.api.error.PermanentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Fuzzes the Salesforce query response reader: any body ends in a page (with rejected records where a record could
 * only be read as far as its id) or a {@link PermanentException} / {@link IOException}; never another exception or a
 * stack overflow. Regression inputs under {@code SalesforceResponseFuzzTestInputs/<method>/}.
 */
class SalesforceResponseFuzzTest {

    private static final SalesforceQueryResponseReader READER =
            new SalesforceQueryResponseReader("fuzz", new SalesforceReadLimits(64, 4096, 16384));

    @FuzzTest(maxDuration = "30s")
    void queryResponseReaderAnswersEveryBody(byte[] body) throws IOException {
        try {
            SalesforceQueryResponseReader.Response response = READER.read(new ByteArrayInputStream(body));
            assertThat(response.records()).isNotNull();
        } catch (PermanentException | IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
