package io.aihub.connectors.crm.salesforce;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach and log in to one Salesforce org; the keys the source and the sink share.
 *
 * @param instanceName   the connector instance's name in configuration, used in messages
 * @param loginUrl       where to request tokens, e.g. {@code https://login.salesforce.com}
 * @param clientId       the connected app's consumer key
 * @param clientSecret   the connected app's consumer secret; never printed
 * @param apiVersion     the REST API version, e.g. {@code v62.0}
 * @param entity         the sObject type, e.g. {@code Account}
 * @param connectTimeout how long to wait for a TCP connection
 * @param requestTimeout how long to wait for each response
 */
public record SalesforceConnectionSettings(String instanceName, URI loginUrl, String clientId, String clientSecret,
        String apiVersion, String entity, Duration connectTimeout, Duration requestTimeout) {

    public static final String LOGIN_URL = "loginUrl";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String API_VERSION = "apiVersion";
    public static final String ENTITY = "entity";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String REQUEST_TIMEOUT = "requestTimeout";

    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern VERSION = Pattern.compile("v\\d{2,3}\\.0");

    public SalesforceConnectionSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(loginUrl, "loginUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(entity, "entity");
        if (instanceName.isBlank()) {
            throw new IllegalArgumentException("instanceName must not be blank");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    /** Adds the shared keys to {@code def}. */
    static ConfigDef defineConnectionKeys(ConfigDef def) {
        return def
                .define(LOGIN_URL, ConfigType.STRING, null,
                        "Where to request OAuth tokens, e.g. https://login.salesforce.com or a My Domain URL.",
                        ConfigKey.httpUrl())
                .define(CLIENT_ID, ConfigType.STRING, null, "The connected app's consumer key.")
                .define(CLIENT_SECRET, ConfigType.PASSWORD, null,
                        "The connected app's consumer secret (client credentials flow).")
                .define(API_VERSION, ConfigType.STRING, "v62.0", "The REST API version, e.g. v62.0.",
                        value -> VERSION.matcher((String) value).matches() ? null : "must look like v62.0")
                .define(ENTITY, ConfigType.STRING, "Account", "The sObject type, e.g. Account.", apiName())
                .define(CONNECT_TIMEOUT, ConfigType.DURATION, "5s", "How long to wait for a connection.",
                        positive())
                .define(REQUEST_TIMEOUT, ConfigType.DURATION, "30s", "How long to wait for each response.",
                        positive());
    }

    /** Reads the shared keys from a validated configuration. */
    static SalesforceConnectionSettings from(String instanceName, ConfigDef.Config config) {
        return new SalesforceConnectionSettings(instanceName, URI.create(config.getString(LOGIN_URL)),
                config.getString(CLIENT_ID), config.getString(CLIENT_SECRET), config.getString(API_VERSION),
                config.getString(ENTITY), config.getDuration(CONNECT_TIMEOUT), config.getDuration(REQUEST_TIMEOUT));
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

    private static ConfigKey.Validator positive() {
        return value -> ((Duration) value).isNegative() || ((Duration) value).isZero() ? "must be positive" : null;
    }

    @Override
    public String toString() {
        return "SalesforceConnectionSettings[instanceName=" + instanceName + ", loginUrl=" + loginUrl
                + ", clientId=" + clientId + ", clientSecret=****, apiVersion=" + apiVersion + ", entity=" + entity
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
