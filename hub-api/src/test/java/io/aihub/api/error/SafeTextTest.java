package io.aihub.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeTextTest {

    @Test
    void shouldReplaceKnownSecretsBearerTokensAndPersonalLookingValues() {
        String server = "Incorrect API key provided: sk-canary-1234abcd. Header was Bearer abc.def-ghi; input "
                + "jane.doe@example.com, IBAN DE89 3704 0044 0532 0130 00, GB82WEST12345698765432, "
                + "call +44 7700 900123";

        String safe = SafeText.scrub(server, List.of("sk-canary-1234abcd"));

        assertThat(safe).isEqualTo("Incorrect API key provided: ****. Header was Bearer ****; input <email>, IBAN "
                + "<iban>, <iban>, call <number>");
    }

    @Test
    void shouldKeepOrdinaryMessagesAndCutLongOnes() {
        assertThat(SafeText.scrub("shape mismatch on input tensor", Arrays.asList(null, "ab")))
                .isEqualTo("shape mismatch on input tensor");
        assertThat(SafeText.scrub("x".repeat(1000), List.of())).hasSize(SafeText.MAX_LENGTH + 3);
        assertThat(SafeText.scrub("line\nbreak", List.of())).isEqualTo("line break");
        assertThat(SafeText.scrub(null, List.of())).isEmpty();
    }

    @Test
    void describeShouldKeepAnAihubMessageAndWithholdOtherLibrariesMessages() {
        assertThat(SafeText.describe(new PermanentException("MAPPING_BAD_TYPE", "field 'NPS__c' must be a number")))
                .isEqualTo("field 'NPS__c' must be a number");
        assertThat(SafeText.describe(new IllegalArgumentException("Unrecognized token 'jane.doe@example.com'")))
                .isEqualTo("java.lang.IllegalArgumentException (message withheld: it may quote payload values)");
        assertThat(SafeText.describe(null)).isEmpty();
    }
}
