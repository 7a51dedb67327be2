package io.aihub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunCommandSecretsTest {

    @TempDir
    Path dir;

    @Test
    void runShouldRefuseAWorldReadableSecretsFileBeforeStartingAnythingAndNotShowItsContent() throws Exception {
        Path secrets = dir.resolve("secrets.properties");
        Files.writeString(secrets, "aihub.db.password = canary-never-printed-2f9a\n");
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream previous = System.err;
        int exit;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            exit = new CommandLine(new AihubCli()).execute("run", "--once", "--secrets", secrets.toString());
        } finally {
            System.setErr(previous);
        }

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: secrets file: 1 configuration problem(s): ")
                .contains("SECRETS_FILE_WORLD_READABLE", secrets.toString())
                .doesNotContain("canary-never-printed-2f9a");
    }
}
