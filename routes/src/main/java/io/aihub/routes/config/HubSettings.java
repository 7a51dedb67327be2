package io.aihub.routes.config;

import io.aihub.model.remote.SecretSource;
import io.aihub.routes.broker.BrokerSettings;
import io.aihub.routes.privacy.SensitiveFields;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the hub runtime needs to start, read once from {@code aihub.*} properties.
 *
 * @param brokerUrl     an external broker URL, or empty for the embedded broker
 * @param broker        embedded broker settings (used when brokerUrl is empty)
 * @param brokerUser    the hub's broker user ({@code aihub} unless set)
 * @param brokerPassword the hub's broker password as configured (from the environment, unmasked), or null: see
 *                      {@link #brokerClientPassword()}
 * @param dbUrl         JDBC URL of the BI database
 * @param dbUser        database user
 * @param dbPassword    database password (from the environment)
 * @param modelsDir     folder holding {@code <model>/<version>/model.yaml}
 * @param models        model names to load, with an optional pinned version each
 * @param connectors    connector instance name to its raw settings (type and keys)
 * @param simulators    whether to start the built-in simulators (demo profile)
 * @param simulatorSettings raw simulator settings ({@code salesforce.accounts=...})
 * @param dataDir       folder for state that is not in the database (simulator edit journals)
 * @param modelSecrets  looks up the secrets a model names ({@code endpoint.apiKeyEnv}): the environment, then the
 *                      properties (so the secrets file may hold them)
 * @param sensitiveFields route id to the fields it marks sensitive ({@code aihub.route.<route>.sensitive})
 * @param modelUrls     remote model name to the server URL that replaces its descriptor's {@code endpoint.url}
 *                      ({@code aihub.model.<name>.url}; {@code simulator:<name>} for a demo simulator)
 */
public record HubSettings(Optional<String> brokerUrl, BrokerSettings broker, String brokerUser, String brokerPassword,
        String dbUrl, String dbUser, String dbPassword, Path modelsDir, Map<String, Optional<String>> models,
        Map<String, Map<String, String>> connectors, boolean simulators, Map<String, String> simulatorSettings,
        Path dataDir, SecretSource modelSecrets, Map<String, SensitiveFields> sensitiveFields,
        Map<String, String> modelUrls) {

    private static final String ROUTE_PREFIX = "aihub.route.";
    private static final String SENSITIVE_SUFFIX = ".sensitive";

    public HubSettings {
        modelUrls = Map.copyOf(modelUrls);
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(dbUrl, "dbUrl");
        Objects.requireNonNull(modelsDir, "modelsDir");
        models = Map.copyOf(models);
        connectors = Map.copyOf(connectors);
        simulatorSettings = Map.copyOf(simulatorSettings);
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(modelSecrets, "modelSecrets");
        sensitiveFields = Map.copyOf(sensitiveFields);
    }

    public static HubSettings from(PropertySource p) {
        Path dataDir = Path.of(p.get("aihub.dataDir", "data"));
        BrokerSettings broker = new BrokerSettings(
                Path.of(p.get("aihub.broker.dataDir", dataDir.resolve("broker").toString())),
                p.get("aihub.broker.host", "127.0.0.1"),
                p.getInt("aihub.broker.corePort", 61616),
                p.getInt("aihub.broker.amqpPort", 5672),
                p.getInt("aihub.broker.stompPort", 61613),
                p.getInt("aihub.broker.mqttPort", 1883),
                p.getInt("aihub.broker.maxDeliveryAttempts", 10),
                p.getInt("aihub.broker.idCacheSize", 50_000),
                p.getInt("aihub.broker.maxDiskUsage", 90),
                BrokerSecurityProperties.read(p));
        Map<String, Optional<String>> models = new java.util.LinkedHashMap<>();
        Map<String, String> modelUrls = new java.util.LinkedHashMap<>();
        for (String name : list(p.get("aihub.models", ""))) {
            models.put(name, p.get("aihub.model." + name + ".version"));
            p.get("aihub.model." + name + ".url").filter(url -> !url.isBlank())
                    .ifPresent(url -> modelUrls.put(name, url));
        }
        Map<String, Map<String, String>> connectors = new java.util.LinkedHashMap<>();
        for (String name : list(p.get("aihub.connectors", ""))) {
            Map<String, String> raw = p.withPrefix("aihub.connector." + name + ".");
            if (!raw.containsKey("type")) {
                throw new IllegalArgumentException("connector '" + name + "' is listed in aihub.connectors but "
                        + "aihub.connector." + name + ".type is not set");
            }
            connectors.put(name, raw);
        }
        return new HubSettings(
                p.get("aihub.broker.url"),
                broker,
                broker.security().hubUser(),
                broker.security().hubPassword(),
                p.get("aihub.db.url", defaultDatabaseUrl(dataDir)),
                p.get("aihub.db.user", "aihub"),
                p.get("aihub.db.password", ""),
                Path.of(p.get("aihub.models.dir", "models")),
                models,
                connectors,
                p.getBoolean("aihub.simulators.enabled", false),
                p.withPrefix("aihub.simulators."),
                dataDir,
                name -> p.get(name).orElse(null),
                sensitiveFields(p),
                modelUrls);
    }

    /** The fields each route marks sensitive; fails on the first route whose setting is invalid. */
    static Map<String, SensitiveFields> sensitiveFields(PropertySource p) {
        Map<String, SensitiveFields> out = new java.util.LinkedHashMap<>();
        Optional<String> hashKey = p.get(SensitiveFields.HASH_KEY);
        p.withPrefix(ROUTE_PREFIX).forEach((key, spec) -> {
            if (key.endsWith(SENSITIVE_SUFFIX)) {
                String route = key.substring(0, key.length() - SENSITIVE_SUFFIX.length());
                SensitiveFields fields = SensitiveFields.parse(ROUTE_PREFIX + key, spec, hashKey);
                if (!fields.isEmpty()) {
                    out.put(route, fields);
                }
            }
        });
        return out;
    }

    /** The fields {@code routeId} marks sensitive, or {@link SensitiveFields#NONE}. */
    public SensitiveFields sensitiveFieldsOf(String routeId) {
        return sensitiveFields.getOrDefault(routeId, SensitiveFields.NONE);
    }

    /** Like the record's, but passwords and secret-looking connector keys show as {@code ****}. */
    @Override
    public String toString() {
        return "HubSettings[brokerUrl=" + brokerUrl.map(io.aihub.routes.broker.BrokerLink::describe)
                + ", broker=" + broker + ", brokerUser=" + brokerUser + ", brokerPassword=" + Secrets.masked(
                brokerPassword) + ", dbUrl=" + io.aihub.routes.store.HubDatabase.redact(dbUrl) + ", dbUser=" + dbUser
                + ", dbPassword=" + Secrets.masked(dbPassword) + ", modelsDir=" + modelsDir + ", models=" + models
                + ", connectors=" + Secrets.maskedConnectors(connectors) + ", simulators=" + simulators
                + ", simulatorSettings=" + Secrets.maskedValues(simulatorSettings) + ", dataDir=" + dataDir
                + ", sensitiveFields=" + sensitiveFields + ", modelUrls=" + modelUrls + "]";
    }

    /**
     * The hub's broker password for a client of the broker: the configured one, else the one the local broker
     * generated in its data folder (the demo), else null.
     */
    public String brokerClientPassword() {
        return broker.security().clientPassword(broker.dataDir());
    }

    /**
     * The embedded H2 database under the data folder, in PostgreSQL mode so the same SQL runs on both, kept
     * open at JVM exit so a graceful stop can still commit the last pages, and writing every commit to the
     * file before the commit returns ({@code WRITE_DELAY=0}; H2's default delays it up to 500 ms, and a
     * killed process would lose BI rows whose messages were already acknowledged).
     */
    static String defaultDatabaseUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("aihub").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
