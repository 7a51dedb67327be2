package io.aihub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectorsCommandTest {

    @Test
    void shouldListEveryInstalledConnectorWithItsKeys() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConnectorsCommand.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);

        assertThat(text).contains("salesforce (source)", "salesforce (sink)");
        assertThat(text).containsPattern("loginUrl\\s+STRING\\s+required");
        assertThat(text).containsPattern("batchSize\\s+INT\\s+default '200'");
        assertThat(text).containsPattern("allowedFields\\s+LIST\\s+required");
    }
}
