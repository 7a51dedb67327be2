package io.aihub.routes.cli;

import io.aihub.routes.HubApplication;
import io.aihub.routes.config.CamelPropertySource;
import io.aihub.routes.config.HubSettings;
import io.aihub.routes.config.SecretsFile;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.impl.DefaultCamelContext;

/** The hub's settings for commands that do not run the hub: defaults, an optional file, -D overrides, env. */
final class CliSettings {

    private CliSettings() {
    }

    static HubSettings load(Path config, Map<String, String> overrides) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().setLocation(HubApplication.propertyLocations(Optional.ofNullable(config),
                    SecretsFile.locate(overrides, Optional.ofNullable(config), System.getenv())));
            Properties props = new Properties();
            props.putAll(overrides);
            context.getPropertiesComponent().setOverrideProperties(props);
            return HubSettings.from(new CamelPropertySource(context, System.getenv()));
        }
    }

    /**
     * The CORE URL of the broker the hub uses: the external one, or the embedded one's network acceptor, with the
     * TLS client settings (it may hold a trust store password: print it only through {@code BrokerLink.describe}).
     */
    static String brokerUrl(HubSettings settings) {
        var security = settings.broker().security();
        return settings.brokerUrl().map(security::clientUrl)
                .orElse(security.localUrl(settings.broker().host(), settings.broker().corePort()));
    }
}
