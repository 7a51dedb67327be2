package io.aihub.connectors.erp.sap;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.error.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The keys source and sink share: where the OData service is, which entity set, and how to authenticate.
 * Secrets ({@value #PASSWORD}, {@value #BEARER_TOKEN}) are never rendered by {@link #toString()}.
 *
 * @param instanceName the connector instance, for messages
 * @param serviceRoot  the service root, e.g. {@code https://s4.example.com/sap/opu/odata/sap/API_BUSINESS_PARTNER}
 * @param entitySet    the entity set, e.g. {@code A_BusinessPartner}
 * @param sapClient    the {@code sap-client} to send, or empty for the system's default client
 * @param authMode     basic or bearer
 * @param username     the basic user (empty with bearer)
 * @param password     the basic password (empty with bearer)
 * @param bearerToken  the bearer token (empty with basic)
 */
record SapConnectionSettings(String instanceName, URI serviceRoot, String entitySet, String sapClient,
        SapAuthMode authMode, String username, String password, String bearerToken, Duration connectTimeout,
        Duration requestTimeout) {

    static final String BASE_URL = "baseUrl";
    static final String SERVICE_PATH = "servicePath";
    static final String SERVICE = "service";
    static final String ENTITY_SET = "entitySet";
    static final String SAP_CLIENT = "sapClient";
    static final String AUTH = "auth";
    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String BEARER_TOKEN = "bearerToken";
    static final String CONNECT_TIMEOUT = "connectTimeout";
    static final String REQUEST_TIMEOUT = "requestTimeout";

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}(;v=\\d{1,4})?");
    private static final Pattern PATH = Pattern.compile("(/[A-Za-z0-9_.~-]+)*");
    private static final Pattern CLIENT = Pattern.compile("(\\d{3})?");

    SapConnectionSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(serviceRoot, "serviceRoot");
        Objects.requireNonNull(entitySet, "entitySet");
        Objects.requireNonNull(sapClient, "sapClient");
        Objects.requireNonNull(authMode, "authMode");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(bearerToken, "bearerToken");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Adds the shared keys to {@code def}. */
    static ConfigDef defineConnectionKeys(ConfigDef def) {
        return def
                .define(BASE_URL, ConfigType.STRING, null, "The SAP system's HTTPS address, e.g."
                        + " https://my-s4.example.com (SAP Gateway / the communication arrangement's host).",
                        ConfigKey.httpUrl())
                .define(SERVICE_PATH, ConfigType.STRING, "/sap/opu/odata/sap", "The path below baseUrl where"
                        + " OData v2 services live.", value -> PATH.matcher((String) value).matches() ? null
                        : "must be a path like /sap/opu/odata/sap")
                .define(SERVICE, ConfigType.STRING, null, "The OData service, e.g. API_BUSINESS_PARTNER or"
                        + " API_SALES_ORDER_SRV.", value -> SERVICE_NAME.matcher((String) value).matches() ? null
                        : "must be an OData service name such as API_BUSINESS_PARTNER")
                .define(ENTITY_SET, ConfigType.STRING, null, "The entity set to read or write, e.g."
                        + " A_BusinessPartner or A_SalesOrder.", name())
                .define(SAP_CLIENT, ConfigType.STRING, "", "The SAP client (sap-client, three digits);"
                        + " empty for the system's default client.", value -> CLIENT.matcher((String) value)
                        .matches() ? null : "must be three digits, e.g. 100")
                .define(AUTH, ConfigType.STRING, SapAuthMode.BASIC.configValue(), "How to authenticate: basic"
                        + " (username and password of a communication user) or bearer (bearerToken).",
                        value -> SapAuthMode.fromConfigValue((String) value).isPresent() ? null
                                : "must be basic or bearer")
                .define(USERNAME, ConfigType.STRING, "", "basic: the communication user; required with basic.")
                .define(PASSWORD, ConfigType.PASSWORD, "", "basic: the communication user's password (secret,"
                        + " e.g. {{env:AIHUB_ERP_PASSWORD}}); required with basic.")
                .define(BEARER_TOKEN, ConfigType.PASSWORD, "", "bearer: the OAuth access token (secret); required"
                        + " with bearer. It is not renewed: a 401 stops the connector.")
                .define(CONNECT_TIMEOUT, ConfigType.DURATION, "5s", "How long to wait for a connection.", positive())
                .define(REQUEST_TIMEOUT, ConfigType.DURATION, "30s", "How long to wait for each response.",
                        positive());
    }

    /**
     * Parses {@code raw} with {@code def} and checks the keys the chosen authentication needs, reporting every
     * problem at once.
     *
     * @throws ConfigException listing every problem
     */
    static ConfigDef.Config parse(String subject, ConfigDef def, Map<String, String> raw) {
        List<String> problems = new ArrayList<>();
        ConfigDef.Config parsed = null;
        try {
            parsed = def.parse(subject, raw);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        String modeText = text(raw, AUTH);
        SapAuthMode mode = modeText.isEmpty() ? SapAuthMode.BASIC : SapAuthMode.fromConfigValue(modeText).orElse(null);
        List<String> needed = mode == SapAuthMode.BASIC ? List.of(USERNAME, PASSWORD)
                : mode == SapAuthMode.BEARER ? List.of(BEARER_TOKEN) : List.of();
        for (String key : needed) {
            if (text(raw, key).isEmpty()) {
                problems.add("missing key '" + key + "': required with " + AUTH + " " + mode.configValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(subject, problems);
        }
        return parsed;
    }

    static SapConnectionSettings from(String instanceName, ConfigDef.Config config) {
        String base = trimSlash(config.getString(BASE_URL));
        URI root = URI.create(base + config.getString(SERVICE_PATH) + "/" + config.getString(SERVICE));
        return new SapConnectionSettings(instanceName, root, config.getString(ENTITY_SET),
                config.getString(SAP_CLIENT), SapAuthMode.fromConfigValue(config.getString(AUTH)).orElseThrow(),
                config.getString(USERNAME), config.getString(PASSWORD), config.getString(BEARER_TOKEN),
                config.getDuration(CONNECT_TIMEOUT), config.getDuration(REQUEST_TIMEOUT));
    }

    /** The same system and credentials, for another service and entity set (a lookup). */
    SapConnectionSettings withService(String service, String otherEntitySet) {
        String root = serviceRoot.toString();
        URI other = URI.create(root.substring(0, root.lastIndexOf('/') + 1) + service);
        return new SapConnectionSettings(instanceName, other, otherEntitySet, sapClient, authMode, username, password,
                bearerToken, connectTimeout, requestTimeout);
    }

    /** Validator: an OData service name, e.g. {@code API_BUSINESS_PARTNER}; empty allowed. */
    static ConfigKey.Validator serviceOrEmpty() {
        return value -> ((String) value).isEmpty() || SERVICE_NAME.matcher((String) value).matches() ? null
                : "must be an OData service name (letters, digits, underscores, optional ;v=N)";
    }

    /** Validator: an OData property or entity set name. */
    static ConfigKey.Validator name() {
        return value -> NAME.matcher((String) value).matches() ? null : "must be an OData name (letters, digits,"
                + " underscores)";
    }

    /** Validator: a non-empty list of OData property names. */
    static ConfigKey.Validator names() {
        return value -> {
            List<?> names = (List<?>) value;
            if (names.isEmpty()) {
                return "must name at least one property";
            }
            return names.stream().allMatch(n -> NAME.matcher((String) n).matches()) ? null
                    : "must hold only OData property names (letters, digits, underscores)";
        };
    }

    private static ConfigKey.Validator positive() {
        return value -> ((Duration) value).isNegative() || ((Duration) value).isZero() ? "must be positive" : null;
    }

    private static String text(Map<String, String> raw, String key) {
        String value = raw.get(key);
        return value == null ? "" : value.trim();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "SapConnectionSettings[instanceName=" + instanceName + ", serviceRoot=" + serviceRoot
                + ", entitySet=" + entitySet + ", sapClient=" + sapClient + ", auth=" + authMode.configValue()
                + ", username=" + username + ", password=****, bearerToken=****, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
