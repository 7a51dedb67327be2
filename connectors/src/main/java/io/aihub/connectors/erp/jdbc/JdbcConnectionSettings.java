package io.aihub.connectors.erp.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach one database table; the keys the source and the sink share.
 *
 * @param instanceName   the connector instance's name in configuration, used in messages and pool names
 * @param url            the JDBC URL, e.g. {@code jdbc:postgresql://erp-db:5432/erp}
 * @param user           the database user
 * @param password       the password (never printed)
 * @param table          the table or view
 * @param idColumn       the column holding each row's unique id
 * @param versionColumn  the column holding each row's version, or null
 * @param entity         the entity name records carry
 * @param connectTimeout how long to wait for a connection
 * @param queryTimeout   how long one statement may run before it is cancelled
 */
record JdbcConnectionSettings(String instanceName, String url, String user, String password, SqlTableName table,
        SqlIdentifier idColumn, SqlIdentifier versionColumn, String entity, Duration connectTimeout,
        Duration queryTimeout) {

    public static final String URL = "url";
    public static final String USER = "user";
    public static final String PASSWORD = "password";
    public static final String TABLE = "table";
    public static final String ID_COLUMN = "idColumn";
    public static final String VERSION_COLUMN = "versionColumn";
    public static final String ENTITY = "entity";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String QUERY_TIMEOUT = "queryTimeout";

    /** Connections per task: one for statements, one spare while a broken one is replaced. */
    private static final int POOL_SIZE = 2;

    JdbcConnectionSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(idColumn, "idColumn");
        Objects.requireNonNull(entity, "entity");
        if (connectTimeout.compareTo(Duration.ofMillis(250)) < 0 || queryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("connectTimeout must be at least 250ms and queryTimeout at least 1s");
        }
    }

    /** Adds the shared keys to {@code def}. */
    static ConfigDef defineConnectionKeys(ConfigDef def) {
        return def
                .define(URL, ConfigType.STRING, null, "The JDBC URL, e.g. jdbc:postgresql://erp-db:5432/erp or"
                        + " jdbc:h2:file:./data/erp;MODE=PostgreSQL; keep credentials out of it (use user and password).",
                        value -> ((String) value).startsWith("jdbc:") ? null : "must be a JDBC URL (jdbc:...)")
                .define(USER, ConfigType.STRING, null, "The database user.")
                .define(PASSWORD, ConfigType.PASSWORD, "", "The database user's password; set it from the"
                        + " environment, e.g. {{env:AIHUB_ERP_PASSWORD}}.")
                .define(TABLE, ConfigType.STRING, null, "The table or view, optionally schema-qualified"
                        + " (erp.customers); plain names follow the database's case rules, \"Quoted\" names keep"
                        + " their case.", tableName())
                .define(ID_COLUMN, ConfigType.STRING, "id", "The column holding each row's unique id (a primary"
                        + " or unique key).", identifier())
                .define(VERSION_COLUMN, ConfigType.STRING, "", "Optional column holding a row version: the source"
                        + " reports it as the record version, and the sink writes only while the row still has the"
                        + " version the prediction was made from (else CONFLICT). Empty: the version is the updated"
                        + " column's value and the sink writes without a check.", optionalIdentifier())
                .define(ENTITY, ConfigType.STRING, "", "The entity name records carry, e.g. Customer; empty: the"
                        + " table name.")
                .define(CONNECT_TIMEOUT, ConfigType.DURATION, "10s", "How long to wait for a database connection.",
                        atLeast(Duration.ofMillis(250)))
                .define(QUERY_TIMEOUT, ConfigType.DURATION, "30s", "How long one statement may run before the"
                        + " connector cancels it (a retriable failure).", atLeast(Duration.ofSeconds(1)));
    }

    /** Reads the shared keys from a validated configuration. */
    static JdbcConnectionSettings from(String instanceName, ConfigDef.Config config) {
        SqlTableName table = SqlTableName.parse(config.getString(TABLE));
        String version = config.getString(VERSION_COLUMN);
        String entity = config.getString(ENTITY);
        return new JdbcConnectionSettings(instanceName, config.getString(URL), config.getString(USER),
                config.getString(PASSWORD), table, SqlIdentifier.parse(config.getString(ID_COLUMN)),
                version.isBlank() ? null : SqlIdentifier.parse(version),
                entity.isBlank() ? table.table().name() : entity, config.getDuration(CONNECT_TIMEOUT),
                config.getDuration(QUERY_TIMEOUT));
    }

    /**
     * Opens a small pool. It connects lazily: a database that is down makes the first statement fail
     * (retriable), not the pool's creation.
     */
    HikariDataSource openPool(String role, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("aihub-jdbc-" + instanceName + "-" + role);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        config.setReadOnly(readOnly);
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    /** The query timeout in whole seconds, as {@link java.sql.Statement#setQueryTimeout} takes it. */
    int queryTimeoutSeconds() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, queryTimeout.toSeconds()));
    }

    static ConfigKey.Validator identifier() {
        return value -> SqlIdentifier.isValid((String) value) ? null : SqlIdentifier.RULE;
    }

    private static ConfigKey.Validator optionalIdentifier() {
        return value -> ((String) value).isBlank() || SqlIdentifier.isValid((String) value) ? null
                : "must be empty or an identifier: " + SqlIdentifier.RULE;
    }

    private static ConfigKey.Validator tableName() {
        return value -> {
            try {
                SqlTableName.parse((String) value);
                return null;
            } catch (IllegalArgumentException e) {
                return "must be a table or schema.table where each part " + SqlIdentifier.RULE;
            }
        };
    }

    static ConfigKey.Validator atLeast(Duration min) {
        return value -> ((Duration) value).compareTo(min) < 0 ? "must be at least " + min.toMillis() + "ms" : null;
    }

    @Override
    public String toString() {
        return "JdbcConnectionSettings[instanceName=" + instanceName + ", url=" + redactedUrl() + ", user=" + user
                + ", password=****, table=" + table + ", idColumn=" + idColumn + ", versionColumn=" + versionColumn
                + ", entity=" + entity + ", connectTimeout=" + connectTimeout + ", queryTimeout=" + queryTimeout + "]";
    }

    /** The URL without its parameters, which may hold credentials. */
    String redactedUrl() {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int at = url.indexOf(c);
            if (at >= 0) {
                cut = Math.min(cut, at);
            }
        }
        return url.substring(0, cut);
    }
}
