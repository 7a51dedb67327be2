package io.aihub.connectors.crm.dataverse;

import io.aihub.api.config.ConfigDef;
import io.aihub.api.config.ConfigKey;
import io.aihub.api.config.ConfigType;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to reach and authenticate to one Dataverse environment; the keys the source and the sink share.
 *
 * @param instanceName    the connector instance's name in configuration, used in messages
 * @param orgUrl          the environment URL without a trailing slash, e.g. {@code https://contoso.crm4.dynamics.com}
 * @param tokenUrl        the Entra ID token endpoint, e.g.
 *                        {@code https://login.microsoftonline.com/<tenant>/oauth2/v2.0/token}
 * @param clientId        the app registration's client id
 * @param clientSecret    the app registration's client secret; never printed
 * @param scope           the token scope, {@code <orgUrl>/.default} unless configured
 * @param apiVersion      the Web API version, e.g. {@code v9.2}
 * @param entitySet       the entity set to read and write, e.g. {@code accounts}
 * @param primaryKey      the entity's primary key column, e.g. {@code accountid}
 * @param connectTimeout  how long to wait for a TCP connection
 * @param requestTimeout  how long to wait for each response
 * @param maxThrottleWait the longest {@code Retry-After} of a 429 the connector waits out before giving up
 */
public record DataverseConnectionSettings(String instanceName, URI orgUrl, URI tokenUrl, String clientId,
        String clientSecret, String scope, String apiVersion, String entitySet, String primaryKey,
        Duration connectTimeout, Duration requestTimeout, Duration maxThrottleWait) {

    public static final String ORG_URL = "orgUrl";
    public static final String TOKEN_URL = "tokenUrl";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String SCOPE = "scope";
    public static final String API_VERSION = "apiVersion";
    public static final String ENTITY_SET = "entitySet";
    public static final String PRIMARY_KEY = "primaryKey";
    public static final String CONNECT_TIMEOUT = "connectTimeout";
    public static final String REQUEST_TIMEOUT = "requestTimeout";
    public static final String MAX_THROTTLE_WAIT = "maxThrottleWait";

    private static final Pattern LOGICAL_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,99}");
    private static final Pattern VERSION = Pattern.compile("v9\\.[0-9]");

    public DataverseConnectionSettings {
        Objects.requireNonNull(instanceName, "instanceName");
        Objects.requireNonNull(orgUrl, "orgUrl");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(entitySet, "entitySet");
        Objects.requireNonNull(primaryKey, "primaryKey");
        if (connectTimeout.isNegative() || connectTimeout.isZero() || requestTimeout.isNegative()
                || requestTimeout.isZero() || maxThrottleWait.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive and maxThrottleWait not negative");
        }
    }

    /** The Web API root, {@code <orgUrl>/api/data/<apiVersion>/}. */
    String apiRoot() {
        return orgUrl + "/api/data/" + apiVersion + "/";
    }

    /** Adds the shared keys to {@code def}. */
    static ConfigDef defineConnectionKeys(ConfigDef def) {
        return def
                .define(ORG_URL, ConfigType.STRING, null, "The environment URL, e.g."
                        + " https://contoso.crm4.dynamics.com; the Web API is under /api/data/<apiVersion>/.",
                        ConfigKey.httpUrl())
                .define(TOKEN_URL, ConfigType.STRING, null, "The Entra ID token endpoint, e.g."
                        + " https://login.microsoftonline.com/<tenant id>/oauth2/v2.0/token.", ConfigKey.httpUrl())
                .define(CLIENT_ID, ConfigType.STRING, null, "The app registration's application (client) id.")
                .define(CLIENT_SECRET, ConfigType.PASSWORD, null, "The app registration's client secret.")
                .define(SCOPE, ConfigType.STRING, "", "The token scope; empty means <orgUrl>/.default.")
                .define(API_VERSION, ConfigType.STRING, "v9.2", "The Web API version, e.g. v9.2.",
                        value -> VERSION.matcher((String) value).matches() ? null : "must look like v9.2")
                .define(ENTITY_SET, ConfigType.STRING, "accounts", "The entity set to read and write, e.g."
                        + " accounts.", logicalName())
                .define(PRIMARY_KEY, ConfigType.STRING, "accountid", "The entity's primary key column (a GUID),"
                        + " e.g. accountid; the record id and the keyset tie-breaker.", logicalName())
                .define(CONNECT_TIMEOUT, ConfigType.DURATION, "5s", "How long to wait for a connection.",
                        positive())
                .define(REQUEST_TIMEOUT, ConfigType.DURATION, "30s", "How long to wait for each response.",
                        positive())
                .define(MAX_THROTTLE_WAIT, ConfigType.DURATION, "30s", "The longest Retry-After of a 429 the"
                        + " connector waits out inside a call (at most 3 times per call); a longer one, or a fourth"
                        + " 429, fails the call as retriable DATAVERSE_THROTTLED.", notNegative());
    }

    /** Reads the shared keys from a validated configuration. */
    static DataverseConnectionSettings from(String instanceName, ConfigDef.Config config) {
        String orgUrl = trimSlash(config.getString(ORG_URL));
        String scope = config.getString(SCOPE);
        return new DataverseConnectionSettings(instanceName, URI.create(orgUrl), URI.create(config.getString(TOKEN_URL)),
                config.getString(CLIENT_ID), config.getString(CLIENT_SECRET),
                scope.isEmpty() ? orgUrl + "/.default" : scope, config.getString(API_VERSION),
                config.getString(ENTITY_SET), config.getString(PRIMARY_KEY), config.getDuration(CONNECT_TIMEOUT),
                config.getDuration(REQUEST_TIMEOUT), config.getDuration(MAX_THROTTLE_WAIT));
    }

    /** Validator: a Dataverse logical name such as {@code accounts} or {@code aihub_churnscore}. */
    static ConfigKey.Validator logicalName() {
        return value -> LOGICAL_NAME.matcher((String) value).matches() ? null
                : "must be a Dataverse logical name (lower-case letters, digits, underscores)";
    }

    /** Validator: a non-empty list of logical names. */
    static ConfigKey.Validator logicalNames() {
        return value -> {
            List<?> names = (List<?>) value;
            if (names.isEmpty()) {
                return "must name at least one column";
            }
            return names.stream().allMatch(n -> LOGICAL_NAME.matcher((String) n).matches()) ? null
                    : "must hold only Dataverse logical names (lower-case letters, digits, underscores)";
        };
    }

    private static ConfigKey.Validator positive() {
        return value -> ((Duration) value).isNegative() || ((Duration) value).isZero() ? "must be positive" : null;
    }

    private static ConfigKey.Validator notNegative() {
        return value -> ((Duration) value).isNegative() ? "must not be negative" : null;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public String toString() {
        return "DataverseConnectionSettings[instanceName=" + instanceName + ", orgUrl=" + orgUrl + ", tokenUrl="
                + tokenUrl + ", clientId=" + clientId + ", clientSecret=****, scope=" + scope + ", apiVersion="
                + apiVersion + ", entitySet=" + entitySet + ", primaryKey=" + primaryKey + ", connectTimeout="
                + connectTimeout + ", requestTimeout=" + requestTimeout + ", maxThrottleWait=" + maxThrottleWait + "]";
    }
}
