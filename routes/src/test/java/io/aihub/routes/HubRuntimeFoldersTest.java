package io.aihub.routes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folders the broker and an H2 file database both need exist before the database opens on its own thread, so
 * neither creates them while the other does (H2 then failed with "a file with this name already exists").
 */
class HubRuntimeFoldersTest {

    @TempDir
    Path tmp;

    @Test
    void shouldCreateTheDataFolderAndTheH2FilesFolderBeforeTheParallelStart() throws Exception {
        Path data = tmp.resolve("fresh").resolve("data");
        String url = "jdbc:h2:file:" + data.resolve("db").resolve("aihub") + ";MODE=PostgreSQL;WRITE_DELAY=0";

        HubRuntime.prepareFolders(data, url);

        assertThat(data).isDirectory();
        assertThat(data.resolve("db")).isDirectory();
        assertThat(data.resolve("db").resolve("aihub")).doesNotExist();
    }

    @Test
    void shouldCreateOnlyTheDataFolderForAServerDatabase() throws Exception {
        Path data = tmp.resolve("data");

        HubRuntime.prepareFolders(data, "jdbc:postgresql://127.0.0.1:5432/aihub");

        assertThat(data).isDirectory();
        assertThat(tmp.resolve("127.0.0.1:5432")).doesNotExist();
    }
}
