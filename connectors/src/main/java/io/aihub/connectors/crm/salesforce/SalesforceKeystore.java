package io.aihub.connectors.crm.salesforce;

import io.aihub.api.error.PermanentException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;

/**
 * Reads the connected app's RSA private key from a PKCS12 keystore file. Failures are
 * {@link PermanentException}s {@value #CODE} naming the connector instance, the file and the alias, never
 * the password.
 */
final class SalesforceKeystore {

    /** The code of every failure to read the key. */
    static final String CODE = "SALESFORCE_KEYSTORE";

    private SalesforceKeystore() {
    }

    /** The RSA private key under {@code jwt.keyAlias()} in {@code jwt.keystorePath()}. */
    static PrivateKey privateKey(String instanceName, SalesforceJwtSettings jwt) {
        char[] password = jwt.keystorePassword().toCharArray();
        KeyStore store;
        try (InputStream in = Files.newInputStream(jwt.keystorePath())) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (IOException | GeneralSecurityException e) {
            throw failure(instanceName, jwt, "cannot be read as a PKCS12 keystore with the configured password ("
                    + e.getClass().getSimpleName() + ")");
        }
        Key key;
        try {
            key = store.getKey(jwt.keyAlias(), password);
        } catch (GeneralSecurityException e) {
            throw failure(instanceName, jwt, "does not give up the key with the configured password ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (!(key instanceof PrivateKey privateKey) || !"RSA".equals(key.getAlgorithm())) {
            throw failure(instanceName, jwt, "holds no RSA private key under this alias");
        }
        return privateKey;
    }

    private static PermanentException failure(String instanceName, SalesforceJwtSettings jwt, String what) {
        return new PermanentException(CODE, "connector '" + instanceName + "': the keystore " + jwt.keystorePath()
                + " (alias '" + jwt.keyAlias() + "') " + what);
    }
}
