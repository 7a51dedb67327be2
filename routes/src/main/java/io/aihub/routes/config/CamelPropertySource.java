package io.aihub.routes.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Properties as Camel resolves them (application.properties, {@code --config} file, placeholders such as
 * {@code {{env:NAME:default}}}), with one more rule: an environment variable named like the key in upper
 * case with dots and dashes as underscores ({@code aihub.db.password} → {@code AIHUB_DB_PASSWORD}) wins.
 */
public final class CamelPropertySource implements PropertySource {

    private final CamelContext context;
    private final Map<String, String> environment;

    public CamelPropertySource(CamelContext context, Map<String, String> environment) {
        this.context = context;
        this.environment = environment;
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public Optional<String> get(String key) {
        String fromEnv = environment.get(environmentName(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv);
        }
        return context.getPropertiesComponent().resolveProperty(key).filter(v -> !v.isBlank());
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Properties all = pc.loadProperties(k -> k.startsWith(prefix));
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : all.stringPropertyNames()) {
            get(key).ifPresent(v -> out.put(key.substring(prefix.length()), v));
        }
        String envPrefix = environmentName(prefix);
        environment.forEach((name, value) -> {
            if (name.startsWith(envPrefix) && name.length() > envPrefix.length()) {
                String rest = name.substring(envPrefix.length());
                out.keySet().stream().filter(k -> environmentName(k).equals(rest)).findFirst()
                        .ifPresent(k -> out.put(k, value));
            }
        });
        return out;
    }
}
