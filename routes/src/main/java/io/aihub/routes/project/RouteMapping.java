package io.aihub.routes.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A route's mapping file, {@code <route>.mapping.yaml} next to the route file:
 *
 * <pre>
 * route: my-route
 * model: churn
 * inputs:        # field the model reads: field of the source record
 *   NPS__c: aihub_nps
 * writeBack:     # field written into the source record: score | label | modelVersion | band:...
 *   aihub_churnscore: score
 * </pre>
 *
 * <p>Routes read it with the placeholders {@code {{mapping:<route>/inputs}}} (the {@code fields} of
 * {@code score-records} and {@code score-events}) and {@code {{mapping:<route>/writeBack}}} (the {@code fields} of
 * {@code write-back}); both render as the comma-separated {@code a=b} lists those parameters take.
 *
 * @param inputs    model field to record field, with the line of each entry
 * @param writeBack record field to value rule, with the line of each entry
 */
public record RouteMapping(String route, String model, int modelLine, Map<String, Entry> inputs,
        Map<String, Entry> writeBack) {

    /** The file name suffix. */
    public static final String SUFFIX = ".mapping.yaml";
    /** The parts a {@code {{mapping:<route>/<part>}}} placeholder may name. */
    public static final Set<String> PARTS = Set.of("inputs", "writeBack");
    private static final Set<String> KEYS = Set.of("route", "model", "inputs", "writeBack");

    public RouteMapping {
        inputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        writeBack = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(writeBack));
    }

    /** One {@code key: value} entry and its line. */
    public record Entry(String key, String value, int line) {
    }

    /**
     * Reads a parsed mapping file; problems (unknown keys, non-text values) are added to {@code problems}
     * and the offending entries left out.
     */
    public static RouteMapping read(YamlFile file, List<Problem> problems) {
        Node root = file.root().orElse(null);
        if (root == null || YamlFile.entries(root).isEmpty()) {
            problems.add(new Problem(file.name(), 1, "a mapping file must be a YAML map with route, model, inputs "
                    + "and writeBack"));
            return new RouteMapping(null, null, 0, Map.of(), Map.of());
        }
        String route = null;
        String model = null;
        int modelLine = 0;
        for (var e : YamlFile.entries(root).entrySet()) {
            Node value = e.getValue().getValueNode();
            int line = YamlFile.line(e.getValue().getKeyNode());
            switch (e.getKey()) {
                case "route" -> route = YamlFile.text(value).orElse(null);
                case "model" -> {
                    model = YamlFile.text(value).orElse(null);
                    modelLine = line;
                }
                case "inputs", "writeBack" -> { }
                default -> problems.add(new Problem(file.name(), line, "unknown key '" + e.getKey()
                        + "' in a mapping file (known: " + KEYS.stream().sorted().collect(Collectors.joining(", "))
                        + ")"));
            }
        }
        return new RouteMapping(route, model, modelLine, section(file, root, "inputs", problems),
                section(file, root, "writeBack", problems));
    }

    private static Map<String, Entry> section(YamlFile file, Node root, String key, List<Problem> problems) {
        Map<String, Entry> out = new LinkedHashMap<>();
        Node node = YamlFile.get(root, key).orElse(null);
        if (node == null || YamlFile.text(node).map(String::isEmpty).orElse(false)) {
            return out;
        }
        if (YamlFile.entries(node).isEmpty()) {
            problems.add(new Problem(file.name(), YamlFile.line(node), key + " must be a map of <field>: <value>"));
            return out;
        }
        for (Map.Entry<String, NodeTuple> e : YamlFile.entries(node).entrySet()) {
            int line = YamlFile.line(e.getValue().getKeyNode());
            String value = YamlFile.text(e.getValue().getValueNode()).orElse(null);
            if (value == null || value.isBlank()) {
                problems.add(new Problem(file.name(), line, key + "." + e.getKey() + " has no value"));
            } else if (value.contains(",") || e.getKey().contains(",") || e.getKey().contains("=")) {
                problems.add(new Problem(file.name(), line, key + "." + e.getKey()
                        + ": field names and values must not contain ',' or '='"));
            } else {
                out.put(e.getKey(), new Entry(e.getKey(), value.trim(), line));
            }
        }
        return out;
    }

    /** The part as the route parameter text: {@code a=b,c=d}. */
    public String render(String part) {
        Map<String, Entry> entries = switch (part) {
            case "inputs" -> inputs;
            case "writeBack" -> writeBack;
            default -> throw new IllegalArgumentException("unknown mapping part '" + part + "' (known: " + PARTS + ")");
        };
        List<String> out = new ArrayList<>();
        entries.values().forEach(e -> out.add(e.key() + "=" + e.value()));
        return String.join(",", out);
    }
}
