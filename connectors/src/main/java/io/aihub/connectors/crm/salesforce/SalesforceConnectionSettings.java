package io.aihub.connectors.crm.salesforce;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import io.aihub.api.error.ConfigException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach and log in to one Salesforce org; the keys the source and the sink share.
 *
 * @param instanceName   the connector instance's name in configuration, used in messages
 * @param loginUrl       where to request tokens, e.g. {@code https://login.salesforce.com}
 * @param clientId       the connected app's consumer key
 * @param clientSecret   the connected app's consumer secret (client credentials flow; empty otherwise); never
 *                       printed
 * @param apiVersion     the REST API version, e.g. {@code v62.0}
 * @param entity         the sObject type, e.g. {@code Account}
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for each response
 * @param authFlow       how to log in
 * @param jwt            the JWT bearer settings; non-null exactly when {@code authFlow} is
 *                       {@link SalesforceAuthFlow#JWT_BEARER}
 */
public record SalesforceConnectionSettings(String instanceName, URI loginUrl, String clientId, String clientSecret,
        String apiVersion, String entity, Duration connectTimeout, Duration requestTimeout,
        SalesforceAuthFlow authFlow, SalesforceJwtSettings jwt) {

    public static final String LOGIN_URL = "loginUrl";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String API_VERSION = "apiVersion";
    public static final String ENTITY = "entity";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String REQUEST_TIMEOUT = "requestTimeout";
    public static final String AUTH_FLOW = "authFlow";
    public static final String USERNAME = "username";
    public static final String KEYSTORE_PATH = "keystorePath";
    public static final String KEYSTORE_PASSWORD = "keystorePassword";
    public static final String KEY_ALIAS = "keyAlias";
    public static final String AUDIENCE = "audience";
    public static final String JWT_LIFETIME = "jwtLifetime";

    /** The longest assertion lifetime Salesforce accepts. */
    static final Duration MAX_JWT_LIFETIME = Duration.ofMinutes(3);

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern VERSION = Pattern.compile("v\\d{2,3}\\.0");

    public SalesforceConnectionSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(authFlow, "authFlow");
        if (instanceName.isBlank()) {
            throw new IllegalArgumentException("instanceName must not be blank");
        }
        if ((authFlow == SalesforceAuthFlow.JWT_BEARER) != (jwt != null)) {
            throw new IllegalArgumentException("JWT settings are required with, and only with, the jwt-bearer flow");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Settings for the client credentials flow. */
    public SalesforceConnectionSettings(String instanceName, URI loginUrl, String clientId, String clientSecret,
            String apiVersion, String entity, Duration connectTimeout, Duration requestTimeout) {
        this(instanceName, loginUrl, clientId, clientSecret, apiVersion, entity, connectTimeout, requestTimeout,
                SalesforceAuthFlow.CLIENT_CREDENTIALS, null);
    }

    /** Adds the shared keys to {@code def}. */
    static ConfigDef defineConnectionKeys(ConfigDef def) {
        return def
                .define(LOGIN_URL, ConfigType.STRING, null,
                        "Where to request OAuth tokens, e.g. https://login.salesforce.com or a My Domain URL.",
                        ConfigKey.httpUrl())
                .define(CLIENT_ID, ConfigType.STRING, null, "The connected app's consumer key.")
                .define(CLIENT_SECRET, ConfigType.PASSWORD, "",
                        "The connected app's consumer secret; required with authFlow client-credentials.")
                .define(API_VERSION, ConfigType.STRING, "v62.0", "The REST API version, e.g. v62.0.",
                        value -> VERSION.matcher((String) value).matches() ? null : "must look like v62.0")
                .define(ENTITY, ConfigType.STRING, "Account", "The sObject type, e.g. Account.", apiName())
                .define(CONNECT_TIMEOUT, ConfigType.DURATION, "5s", "How long to wait for a connection.",
                        positive())
                .define(REQUEST_TIMEOUT, ConfigType.DURATION, "30s", "How long to wait for each response.",
                        positive())
                .define(AUTH_FLOW, ConfigType.STRING, SalesforceAuthFlow.CLIENT_CREDENTIALS.configValue(),
                        "How to log in: client-credentials (clientId and clientSecret) or jwt-bearer (clientId,"
                        + " username and a private key from keystorePath).",
                        value -> SalesforceAuthFlow.fromConfigValue((String) value).isPresent() ? null
                                : "must be client-credentials or jwt-bearer")
                .define(USERNAME, ConfigType.STRING, "", "jwt-bearer: the Salesforce username the assertion is"
                        + " issued for (sub); required with jwt-bearer.")
                .define(KEYSTORE_PATH, ConfigType.STRING, "", "jwt-bearer: the PKCS12 keystore file holding the"
                        + " connected app's private key; required with jwt-bearer.")
                .define(KEYSTORE_PASSWORD, ConfigType.PASSWORD, "", "jwt-bearer: the keystore's and the key's"
                        + " password.")
                .define(KEY_ALIAS, ConfigType.STRING, "", "jwt-bearer: the alias of the private key entry;"
                        + " required with jwt-bearer.")
                .define(AUDIENCE, ConfigType.STRING, "https://login.salesforce.com", "jwt-bearer: the assertion's"
                        + " audience (aud), https://test.salesforce.com for sandboxes.", ConfigKey.httpUrl())
                .define(JWT_LIFETIME, ConfigType.DURATION, "3m", "jwt-bearer: how long each assertion is valid"
                        + " (exp), at most 3m.", jwtLifetime());
    }

    /**
     * Parses and validates {@code raw} with {@code def} (which holds the shared keys) and checks the keys
     * the chosen login flow needs, reporting every problem at once.
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
        problems.addAll(flowProblems(raw));
        if (!problems.isEmpty()) {
            throw new ConfigException(subject, problems);
        }
        return parsed;
    }

    /** The keys the configured login flow needs but {@code raw} leaves empty. */
    private static List<String> flowProblems(Map<String, String> raw) {
        String flowText = text(raw, AUTH_FLOW);
        SalesforceAuthFlow flow = flowText.isEmpty() ? SalesforceAuthFlow.CLIENT_CREDENTIALS
                : SalesforceAuthFlow.fromConfigValue(flowText).orElse(null);
        List<String> needed = flow == SalesforceAuthFlow.CLIENT_CREDENTIALS ? List.of(CLIENT_SECRET)
                : flow == SalesforceAuthFlow.JWT_BEARER ? List.of(USERNAME, KEYSTORE_PATH, KEY_ALIAS) : List.of();
        List<String> problems = new ArrayList<>();
        for (String key : needed) {
            if (text(raw, key).isEmpty()) {
                problems.add("missing key '" + key + "': required with " + AUTH_FLOW + " " + flow.configValue());
            }
        }
        return problems;
    }

    private static String text(Map<String, String> raw, String key) {
        String value = raw.get(key);
        return value == null ? "" : value.trim();
    }

    /** Reads the shared keys from a validated configuration. */
    static SalesforceConnectionSettings from(String instanceName, ConfigDef.Config config) {
        SalesforceAuthFlow flow = SalesforceAuthFlow.fromConfigValue(config.getString(AUTH_FLOW)).orElseThrow();
        SalesforceJwtSettings jwt = flow != SalesforceAuthFlow.JWT_BEARER ? null
                : new SalesforceJwtSettings(config.getString(USERNAME), Path.of(config.getString(KEYSTORE_PATH)),
                        config.getString(KEYSTORE_PASSWORD), config.getString(KEY_ALIAS),
                        URI.create(config.getString(AUDIENCE)), config.getDuration(JWT_LIFETIME));
        return new SalesforceConnectionSettings(instanceName, URI.create(config.getString(LOGIN_URL)),
                config.getString(CLIENT_ID), config.getString(CLIENT_SECRET), config.getString(API_VERSION),
                config.getString(ENTITY), config.getDuration(CONNECT_TIMEOUT), config.getDuration(REQUEST_TIMEOUT),
                flow, jwt);
    }

    /** Validator: a Salesforce API name such as {@code Account} or {@code Churn_Score__c}. */
    static ConfigKey.Validator apiName() {
        return value -> API_NAME.matcher((String) value).matches() ? null : "must be a Salesforce API name";
    }

    /** Validator: a non-empty list of Salesforce API names. */
    static ConfigKey.Validator apiNames() {
        return value -> {
            List<?> names = (List<?>) value;
            if (names.isEmpty()) {
                return "must name at least one field";
            }
            return names.stream().allMatch(n -> API_NAME.matcher((String) n).matches()) ? null
                    : "must hold only Salesforce API names (letters, digits, underscores)";
        };
    }

    private static ConfigKey.Validator jwtLifetime() {
        return value -> {
            Duration lifetime = (Duration) value;
            if (lifetime.isNegative() || lifetime.isZero()) {
                return "must be positive";
            }
            return lifetime.compareTo(MAX_JWT_LIFETIME) > 0 ? "must be at most 3m" : null;
        };
    }

    private static ConfigKey.Validator positive() {
        return value -> ((Duration) value).isNegative() || ((Duration) value).isZero() ? "must be positive" : null;
    }

    @Override
    public String toString() {
        return "SalesforceConnectionSettings[instanceName=" + instanceName + ", loginUrl=" + loginUrl
                + ", clientId=" + clientId + ", clientSecret=****, apiVersion=" + apiVersion + ", entity=" + entity
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", authFlow="
                + authFlow.configValue() + ", jwt=" + jwt + "]";
    }
}
