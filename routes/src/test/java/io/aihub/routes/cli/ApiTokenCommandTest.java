package io.aihub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.api.ApiRole;
import io.aihub.routes.api.ApiTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ApiTokenCommandTest {

    @Test
    void newTokenShouldBePrintedOnceWithConfigurationThatAcceptsIt() throws Exception {
        ApiTokenCommand.NewCommand command = new ApiTokenCommand.NewCommand();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        command.out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(command).execute("--name", "ops", "--role", "operator");
        assertThat(exit).isZero();
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        String token = lines.get(1);
        assertThat(token).startsWith("aihub_").hasSizeGreaterThan(40);
        Properties config = new Properties();
        config.load(new StringReader(String.join("\n", lines.subList(4, lines.size()))));
        assertThat(config.stringPropertyNames()).containsExactlyInAnyOrder("aihub.api.token.ops.hash",
                "aihub.api.token.ops.role");
        assertThat(String.join("\n", lines.subList(2, lines.size()))).doesNotContain(token);
        Map<String, String> keys = new HashMap<>();
        config.stringPropertyNames().forEach(k -> keys.put(k.substring(ApiTokens.PREFIX.length()),
                config.getProperty(k)));
        assertThat(ApiTokens.from(keys).authenticate(token)).contains(new ApiTokens.Principal("ops",
                ApiRole.OPERATOR));
    }

    @Test
    void hashShouldReadTheTokenFromStandardInput() {
        InputStream originalIn = System.in;
        PrintStream originalOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream("abc\n".getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            assertThat(new CommandLine(new ApiTokenCommand()).execute("hash")).isZero();
        } finally {
            System.setIn(originalIn);
            System.setOut(originalOut);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
