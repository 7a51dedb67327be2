package io.aihub.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnabledRoutesTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheKeyEveryShippedRouteRuns() {
        assertThat(HubApplication.enabledRoutes(Map.of(), Optional.empty())).isEmpty();
    }

    @Test
    void theKeyNamesTheShippedRouteFilesToLoadInOrder() {
        assertThat(HubApplication.enabledRoutes(Map.of(HubApplication.ENABLED_ROUTES,
                "portal-ticket-triage, crm-account-churn"), Optional.empty()))
                .contains("classpath:routes/portal-ticket-triage.camel.yaml,classpath:routes/crm-account-churn.camel.yaml");
    }

    @Test
    void aConfigurationFileMayNameThemAndAnOverrideWins() throws Exception {
        Path config = Files.writeString(dir.resolve("aihub.properties"),
                HubApplication.ENABLED_ROUTES + " = erp-order-payment-risk\n");
        assertThat(HubApplication.enabledRoutes(Map.of(), Optional.of(config)))
                .contains("classpath:routes/erp-order-payment-risk.camel.yaml");
        assertThat(HubApplication.enabledRoutes(Map.of(HubApplication.ENABLED_ROUTES, "crm-account-churn"),
                Optional.of(config))).contains("classpath:routes/crm-account-churn.camel.yaml");
    }

    @Test
    void anUnknownRouteIsRefusedByName() {
        assertThatThrownBy(() -> HubApplication.enabledRoutes(Map.of(HubApplication.ENABLED_ROUTES,
                "crm-account-churn,no-such-route"), Optional.empty()))
                .hasMessageContaining("'no-such-route', which is not a shipped route");
        assertThatThrownBy(() -> HubApplication.enabledRoutes(Map.of(HubApplication.ENABLED_ROUTES, "../x"),
                Optional.empty())).hasMessageContaining("not a shipped route");
    }
}
