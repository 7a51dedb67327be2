package io.aihub.routes;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.error.ConfigException;
import io.aihub.api.sink.SinkConnector;
import io.aihub.api.sink.SinkTask;
import io.aihub.api.source.SourceConnector;
import io.aihub.api.source.SourceTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One configured connector instance ({@code aihub.connector.<name>.*}): its type's source and sink sides,
 * and the settings each side takes. A key goes to every side that declares it; keys prefixed
 * {@code source.} or {@code sink.} go to that side only; a key no side declares is a configuration error.
 */
public final class ConnectorInstance {

    private final String name;
    private final String type;
    private final SourceConnector source;
    private final SinkConnector sink;
    private final Map<String, String> sourceConfig;
    private final Map<String, String> sinkConfig;

    ConnectorInstance(String name, Map<String, String> raw, SourceConnector source, SinkConnector sink) {
        this.name = name;
        this.type = raw.get("type");
        this.source = source;
        this.sink = sink;
        Set<String> sourceKeys = keys(source == null ? List.of() : source.config().keys());
        Set<String> sinkKeys = keys(sink == null ? List.of() : sink.config().keys());
        Map<String, String> src = new LinkedHashMap<>();
        Map<String, String> snk = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        raw.forEach((key, value) -> {
            if (key.equals("type")) {
                return;
            }
            if (key.startsWith("source.")) {
                src.put(key.substring(7), value);
            } else if (key.startsWith("sink.")) {
                snk.put(key.substring(5), value);
            } else {
                boolean known = false;
                if (sourceKeys.contains(key)) {
                    src.put(key, value);
                    known = true;
                }
                if (sinkKeys.contains(key)) {
                    snk.put(key, value);
                    known = true;
                }
                if (!known) {
                    problems.add("unknown key '" + key + "' for connector type " + type);
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new ConfigException("connector '" + name + "'", problems);
        }
        this.sourceConfig = Map.copyOf(src);
        this.sinkConfig = Map.copyOf(snk);
    }

    private static Set<String> keys(List<ConfigKey> keys) {
        return keys.stream().map(ConfigKey::name).collect(Collectors.toSet());
    }

    public String name() {
        return name;
    }

    public String type() {
        return type;
    }

    /** Validates the source settings and creates a task (not started). */
    public SourceTask createSourceTask() {
        if (source == null) {
            throw new IllegalStateException("connector '" + name + "' of type " + type + " cannot be a source");
        }
        return source.createTask(name, sourceConfig);
    }

    /** Validates the sink settings and creates a task (not started). */
    public SinkTask createSinkTask() {
        if (sink == null) {
            throw new IllegalStateException("connector '" + name + "' of type " + type + " cannot be a sink");
        }
        return sink.createTask(name, sinkConfig);
    }
}
