package io.aihub.routes.broker;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A PKCS12 (or other JSSE) store: the broker's key store for its TLS acceptors, or the trust store a client
 * checks the broker's certificate against.
 *
 * @param path     the store file
 * @param password its password (from the environment or unmasked from {@code ENC(...)}); never printed
 * @param type     the store type, {@code PKCS12} by default
 */
public record BrokerTls(Path path, String password, String type) {

    public BrokerTls {
        Objects.requireNonNull(path, "path");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("store " + path + " has no password");
        }
        type = type == null || type.isBlank() ? "PKCS12" : type;
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "BrokerTls[path=" + path + ", type=" + type + "]";
    }
}
