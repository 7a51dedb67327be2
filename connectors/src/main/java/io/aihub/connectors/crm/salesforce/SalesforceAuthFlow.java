package io.aihub.connectors.crm.salesforce;

import java.util.Arrays;
import java.util.Optional;

/** How the connector logs in to Salesforce: the value of the {@code authFlow} key. */
public enum SalesforceAuthFlow {

    /** OAuth 2.0 client credentials: consumer key and secret, tokens for the app's run-as user. */
    CLIENT_CREDENTIALS("client-credentials"),
    /** OAuth 2.0 JWT bearer: an RS256 assertion for a named user, signed with the connected app's key. */
    JWT_BEARER("jwt-bearer");

    private final String configValue;

    SalesforceAuthFlow(String configValue) {
        this.configValue = configValue;
    }

    /** The value used in configuration, e.g. {@code jwt-bearer}. */
    public String configValue() {
        return configValue;
    }

    /** The flow a configuration value names; empty when it names none. */
    public static Optional<SalesforceAuthFlow> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(f -> f.configValue.equals(value)).findFirst();
    }
}
