package io.aihub.routes.api;

import java.util.Arrays;
import java.util.Locale;

/** What a token may do: read everything, or also act (replay dead letters). */
public enum ApiRole {

    /** Every {@code GET} of the admin API. */
    READ_ONLY("read-only"),
    /** Everything, including {@code POST /api/dlq/<route>/replay}. */
    OPERATOR("operator");

    private final String configName;

    ApiRole(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration ({@code aihub.api.token.<name>.role}) and in API answers. */
    public String configName() {
        return configName;
    }

    /** Whether a token with this role may do what {@code required} allows. */
    public boolean allows(ApiRole required) {
        return this == OPERATOR || required == READ_ONLY;
    }

    /**
     * The role a configuration value names.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ApiRole parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(r -> r.configName.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be read-only or operator, got '" + text
                        + "'"));
    }
}
