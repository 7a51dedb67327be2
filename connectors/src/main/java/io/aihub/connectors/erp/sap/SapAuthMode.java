package io.aihub.connectors.erp.sap;

import java.util.Arrays;
import java.util.Optional;

/** How the connector authenticates to SAP: HTTP basic (user and password) or a bearer token. */
enum SapAuthMode {
    BASIC("basic"),
    BEARER("bearer");

    private final String configValue;

    SapAuthMode(String configValue) {
        this.configValue = configValue;
    }

    String configValue() {
        return configValue;
    }

    static Optional<SapAuthMode> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(m -> m.configValue.equalsIgnoreCase(value.trim())).findFirst();
    }
}
