package io.aihub.routes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {

    @TempDir
    Path dir;

    private Path secrets(Path folder, String permissions) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve("aihub-secrets.properties");
        Files.writeString(file, "aihub.db.password = not-in-any-message\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void shouldBeFoundInOverridesThenEnvironmentThenTheConfigurationFile() throws Exception {
        Path fromOverride = secrets(dir.resolve("a"), "rw-------");
        Path fromEnv = secrets(dir.resolve("b"), "rw-r-----");
        Path fromConfig = secrets(dir.resolve("c"), "r--------");
        Path config = dir.resolve("c").resolve("aihub.properties");
        Files.writeString(config, "aihub.secretsFile = aihub-secrets.properties\n");

        assertThat(SecretsFile.locate(Map.of(SecretsFile.KEY, fromOverride.toString()), Optional.of(config),
                Map.of(SecretsFile.ENV, fromEnv.toString()))).contains(fromOverride);
        assertThat(SecretsFile.locate(Map.of(), Optional.of(config), Map.of(SecretsFile.ENV, fromEnv.toString())))
                .contains(fromEnv);
        assertThat(SecretsFile.locate(Map.of(), Optional.of(config), Map.of())).contains(fromConfig);
        assertThat(SecretsFile.locate(Map.of(), Optional.empty(), Map.of())).isEmpty();
    }

    @Test
    void shouldBeRefusedWhenEveryUserMayReadIt() throws Exception {
        Path file = secrets(dir, "rw-r--r--");

        assertThatThrownBy(() -> SecretsFile.check(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SECRETS_FILE_WORLD_READABLE").hasMessageContaining("chmod 600")
                .hasMessageNotContaining("not-in-any-message");
    }

    @Test
    void shouldBeRefusedInsideAGitWorkTree() throws Exception {
        Path repository = dir.resolve("repo");
        Files.createDirectories(repository.resolve(".git"));
        Path file = secrets(repository.resolve("config"), "rw-------");

        assertThatThrownBy(() -> SecretsFile.check(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SECRETS_FILE_IN_REPOSITORY").hasMessageContaining(repository.toString());
    }

    @Test
    void shouldBeRefusedWhenMissing() {
        assertThatThrownBy(() -> SecretsFile.locate(Map.of(SecretsFile.KEY, dir.resolve("none").toString()),
                Optional.empty(), Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("SECRETS_FILE_MISSING");
    }
}
