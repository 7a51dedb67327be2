package io.aihub.connectors.crm.salesforce;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * What the JWT bearer flow needs besides the consumer key.
 *
 * @param username         the Salesforce username the assertion is issued for ({@code sub})
 * @param keystorePath     the PKCS12 keystore holding the connected app's private key
 * @param keystorePassword the keystore's (and key's) password; never printed
 * @param keyAlias         the alias of the private key entry
 * @param audience         the {@code aud} claim: {@code https://login.salesforce.com}, or
 *                         {@code https://test.salesforce.com} for sandboxes
 * @param lifetime         how long an assertion is valid ({@code exp} = now + lifetime)
 */
public record SalesforceJwtSettings(String username, Path keystorePath, String keystorePassword, String keyAlias,
        URI audience, Duration lifetime) {

    public SalesforceJwtSettings {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(keystorePath, "keystorePath");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(keyAlias, "keyAlias");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(lifetime, "lifetime");
        if (username.isBlank() || keyAlias.isBlank()) {
            throw new IllegalArgumentException("username and keyAlias must not be blank");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive");
        }
    }

    @Override
    public String toString() {
        return "SalesforceJwtSettings[username=" + username + ", keystorePath=" + keystorePath
                + ", keystorePassword=****, keyAlias=" + keyAlias + ", audience=" + audience + ", lifetime="
                + lifetime + "]";
    }
}
