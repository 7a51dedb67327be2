package io.aihub.routes.api;

import io.aihub.routes.config.PropertySource;
import java.util.Objects;

/**
 * Settings of the admin API and dashboard.
 *
 * @param enabled          {@code aihub.api.enabled} (default true): serve {@code /api} and the dashboard on the
 *                         management port
 * @param metricsProtected {@code aihub.api.metricsProtected} (default false): {@code /observe/metrics} needs a
 *                         token too (any role)
 * @param tokens           the configured tokens ({@code aihub.api.token.<name>.hash|role})
 */
public record ApiSettings(boolean enabled, boolean metricsProtected, ApiTokens tokens) {

    public ApiSettings {
        Objects.requireNonNull(tokens, "tokens");
    }

    /**
     * Reads the settings; a misconfigured token fails here, before any route starts.
     *
     * @throws IllegalArgumentException listing every token problem
     */
    public static ApiSettings from(PropertySource properties) {
        return new ApiSettings(properties.getBoolean("aihub.api.enabled", true),
                properties.getBoolean("aihub.api.metricsProtected", false),
                ApiTokens.from(properties.withPrefix(ApiTokens.PREFIX)));
    }
}
