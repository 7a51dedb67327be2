package io.aihub.routes.broker;

import io.aihub.routes.config.PropertySource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Properties from a map, for tests that build the hub's settings without Camel. */
public final class MapPropertySource implements PropertySource {

    private final Map<String, String> properties;

    private MapPropertySource(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    public static MapPropertySource of(Map<String, String> properties) {
        return new MapPropertySource(properties);
    }

    @Override
    public Optional<String> get(String key) {
        return Optional.ofNullable(properties.get(key)).filter(v -> !v.isBlank());
    }

    @Override
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
