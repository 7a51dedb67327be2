package io.aihub.model.remote;

/**
 * Looks up secrets by the environment variable name {@code model.yaml} gives (e.g. {@code endpoint.apiKeyEnv});
 * the hub passes its own resolver, which reads the environment. Values are never logged.
 */
@FunctionalInterface
public interface SecretSource {

    /** The secret's value, or null when it is not set. */
    String secret(String name);

    /** Reads the process environment. */
    static SecretSource environment() {
        return System::getenv;
    }
}
