package io.aihub.connectors.erp.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A database for one test class: its own database on an embedded PostgreSQL server, or an in-memory H2 in
 * PostgreSQL mode. The PostgreSQL server is started once for all test classes of the run (starting one takes
 * seconds) and stopped by its own shutdown hook when the JVM exits.
 */
final class TestDatabase implements AutoCloseable {

    private static EmbeddedPostgres server;

    private final String postgresDatabase;
    private final String url;
    private final String user;
    private final String password;
    private final Connection keepAlive;

    private TestDatabase(String postgresDatabase, String url, String user, String password) throws SQLException {
        this.postgresDatabase = postgresDatabase;
        this.url = url;
        this.user = user;
        this.password = password;
        this.keepAlive = postgresDatabase == null ? DriverManager.getConnection(url, user, password) : null;
    }

    /** Creates the database {@code name} (dropping an older one) on the shared embedded PostgreSQL server. */
    static synchronized TestDatabase postgres(String name) {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
            }
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name);
                s.execute("CREATE DATABASE " + name);
            }
            // Not getJdbcUrl(): its user parameter would override the configured user.
            return new TestDatabase(name, "jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres",
                    "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an in-memory H2 database in PostgreSQL mode, as the hub's embedded database runs. */
    static TestDatabase h2(String name, boolean databaseToLower) {
        try {
            return new TestDatabase(null, "jdbc:h2:mem:" + name + ";MODE=PostgreSQL"
                    + (databaseToLower ? ";DATABASE_TO_LOWER=TRUE" : ""), "sa", "");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs statements, each committed. */
    void execute(String... sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of {@code sql}, as text. */
    Set<String> texts(String sql) {
        Set<String> values = new HashSet<>();
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** The one value {@code sql} selects. */
    Object value(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database's CURRENT_TIMESTAMP. */
    OffsetDateTime now() {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The connection keys of a connector configuration for this database, plus {@code keysAndValues}. */
    Map<String, String> config(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        config.put(JdbcConnectionSettings.URL, url);
        config.put(JdbcConnectionSettings.USER, user);
        config.put(JdbcConnectionSettings.PASSWORD, password);
        config.put(JdbcConnectionSettings.QUERY_TIMEOUT, "20s");
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    @Override
    public void close() {
        try {
            if (keepAlive != null) {
                keepAlive.close();
            }
            if (postgresDatabase != null) {
                try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + postgresDatabase + " WITH (FORCE)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
