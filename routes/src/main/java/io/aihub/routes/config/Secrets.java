package io.aihub.routes.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Renders settings for messages without their secrets: secret-looking keys show {@code ****}. */
public final class Secrets {

    /** What a secret value is shown as. */
    public static final String MASK = "****";

    /** Key names (any case) that hold credentials: passwords, secrets, tokens, API keys, private keys. */
    private static final Pattern SECRET_KEY = Pattern.compile(
            ".*(password|passwd|secret|token|apikey|api_key|api-key|credential|privatekey|hashkey).*");

    private Secrets() {
    }

    /**
     * True when a configuration key's name says it holds a credential (e.g. {@code clientSecret}); a URL key
     * ({@code tokenUrl}) names where a credential is obtained, not the credential.
     */
    public static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return SECRET_KEY.matcher(lower).matches() && !lower.endsWith("url");
    }

    /** {@value #MASK} for a set value, {@code null} or empty as they are. */
    static String masked(String value) {
        return value == null || value.isEmpty() ? value : MASK;
    }

    /** A copy whose secret-looking keys have masked values. */
    public static Map<String, String> maskedValues(Map<String, String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        settings.forEach((key, value) -> out.put(key, isSecretKey(key) ? masked(value) : value));
        return out;
    }

    static Map<String, Map<String, String>> maskedConnectors(Map<String, Map<String, String>> connectors) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        connectors.forEach((name, settings) -> out.put(name, maskedValues(settings)));
        return out;
    }
}
