package io.aihub.model.remote;

import io.aihub.api.error.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code endpoint} block of a remote model's {@code model.yaml}. Which keys a backend needs is checked by the
 * descriptor; this record checks the values.
 *
 * @param url            the server's base URL, {@code http} or {@code https} (for {@code openai-chat} the API
 *                       base, e.g. {@code https://api.openai.com/v1})
 * @param modelName      the model's name on the server
 * @param version        the model version on the server, or null for the server's default
 * @param timeout        the deadline of each HTTP request, response body included; default 5 s (30 s for chat)
 * @param connectTimeout the deadline of opening a connection; default 2 s
 * @param apiKeyEnv      the environment variable holding a bearer token, or null to send none
 * @param maxConcurrency {@code openai-chat}: requests in flight at once per backend; default 4
 */
public record EndpointSettings(String url, String modelName, String version, Duration timeout,
        Duration connectTimeout, String apiKeyEnv, Integer maxConcurrency) {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    public EndpointSettings {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(2) : connectTimeout;
        maxConcurrency = maxConcurrency == null ? 4 : maxConcurrency;
        List<String> problems = new ArrayList<>();
        if (url == null || !validUrl(url)) {
            problems.add("url must be an absolute http or https URL without query");
        }
        if (modelName != null && !SEGMENT.matcher(modelName).matches()) {
            problems.add("modelName must be letters, digits, '.', '_', ':' or '-'");
        }
        if (version != null && !SEGMENT.matcher(version).matches()) {
            problems.add("version must be letters, digits, '.', '_', ':' or '-'");
        }
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            problems.add("timeout must be positive");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            problems.add("connectTimeout must be positive");
        }
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            problems.add("apiKeyEnv must name an environment variable (letters, digits, '_')");
        }
        if (maxConcurrency < 1 || maxConcurrency > 64) {
            problems.add("maxConcurrency must be between 1 and 64");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("endpoint", problems);
        }
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** The same settings calling another base URL. */
    public EndpointSettings withUrl(String newUrl) {
        return new EndpointSettings(newUrl, modelName, version, timeout, connectTimeout, apiKeyEnv, maxConcurrency);
    }

    /** The request deadline, or {@code fallback} when none is configured. */
    public Duration timeoutOr(Duration fallback) {
        return timeout == null ? fallback : timeout;
    }

    /** The base URL with exactly one trailing slash, so relative paths resolve below it. */
    public URI baseUri() {
        return URI.create(url.endsWith("/") ? url : url + "/");
    }
}
