package io.aihub.routes.project;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.sink.SinkConnector;
import io.aihub.api.source.SourceConnector;
import io.aihub.connectors.portal.webhook.WebhookConnector;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

/** The installed connector types and what each can be: a source, a sink, or a webhook event source. */
public final class ConnectorCatalog {

    private final Map<String, Kind> kinds = new LinkedHashMap<>();

    /** What one connector type provides, and the configuration keys it declares. */
    public record Kind(String type, boolean source, boolean sink, boolean events, Set<String> keys) {
    }

    /** Every connector on the classpath (ServiceLoader) plus the webhook connector. */
    public static ConnectorCatalog installed() {
        ConnectorCatalog catalog = new ConnectorCatalog();
        for (SourceConnector c : ServiceLoader.load(SourceConnector.class)) {
            catalog.merge(c.type(), true, false, false, keys(c.config().keys()));
        }
        for (SinkConnector c : ServiceLoader.load(SinkConnector.class)) {
            catalog.merge(c.type(), false, true, false, keys(c.config().keys()));
        }
        WebhookConnector webhook = new WebhookConnector();
        catalog.merge(webhook.type(), false, false, true, keys(webhook.config().keys()));
        return catalog;
    }

    private static Set<String> keys(java.util.List<ConfigKey> keys) {
        Set<String> out = new LinkedHashSet<>();
        keys.forEach(k -> out.add(k.name()));
        return out;
    }

    private void merge(String type, boolean source, boolean sink, boolean events, Set<String> keys) {
        Kind old = kinds.get(type);
        Set<String> all = new LinkedHashSet<>(keys);
        if (old != null) {
            all.addAll(old.keys());
        }
        kinds.put(type, new Kind(type, source || (old != null && old.source()), sink || (old != null && old.sink()),
                events || (old != null && old.events()), Set.copyOf(all)));
    }

    public Optional<Kind> find(String type) {
        return Optional.ofNullable(kinds.get(type));
    }

    public Set<String> types() {
        return kinds.keySet();
    }
}
