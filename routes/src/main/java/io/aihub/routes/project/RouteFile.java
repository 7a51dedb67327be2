package io.aihub.routes.project;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * A parsed route file ({@code *.camel.yaml}): its {@code templatedRoute} entries with their parameters, and the
 * ids and {@code aihub-*} endpoint URIs of its plain Camel routes, each with its line.
 */
public final class RouteFile {

    private final ProjectFile file;
    private final YamlFile yaml;
    private final List<TemplatedRoute> templated = new ArrayList<>();
    private final List<PlainRoute> plain = new ArrayList<>();
    private final List<Problem> shapeProblems = new ArrayList<>();

    private RouteFile(ProjectFile file, YamlFile yaml) {
        this.file = file;
        this.yaml = yaml;
    }

    /**
     * Parses a route file.
     *
     * @throws YamlFile.SyntaxError when the file is not YAML
     */
    public static RouteFile parse(ProjectFile file) {
        RouteFile out = new RouteFile(file, YamlFile.parse(file.name(), file.text()));
        out.read();
        return out;
    }

    private void read() {
        Node root = yaml.root().orElse(null);
        if (root == null) {
            return;
        }
        if (YamlFile.items(root).isEmpty() && !YamlFile.text(root).map(String::isEmpty).orElse(false)) {
            shapeProblems.add(new Problem(file.name(), YamlFile.line(root),
                    "a route file must be a YAML list of templatedRoute, route or routeTemplate entries"));
            return;
        }
        for (Node item : YamlFile.items(root)) {
            YamlFile.get(item, "templatedRoute").ifPresent(t -> templated.add(templatedRoute(item, t)));
            YamlFile.get(item, "route").ifPresent(r -> plain.add(plainRoute(item, r)));
            YamlFile.get(item, "from").ifPresent(r -> plain.add(plainRoute(item, item)));
        }
    }

    private TemplatedRoute templatedRoute(Node item, Node t) {
        Map<String, Param> params = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        Node paramsNode = YamlFile.get(t, "parameters").orElse(null);
        if (paramsNode != null) {
            if (!YamlFile.entries(paramsNode).isEmpty()) {
                // The map form: parameters: {name: value}
                for (Map.Entry<String, NodeTuple> e : YamlFile.entries(paramsNode).entrySet()) {
                    int line = YamlFile.line(e.getValue().getKeyNode());
                    Node v = e.getValue().getValueNode();
                    params.put(e.getKey(), new Param(e.getKey(), YamlFile.text(v).orElse(null), line,
                            YamlFile.line(v), start(v), end(v)));
                }
            }
            for (Node p : YamlFile.items(paramsNode)) {
                Optional<Node> name = YamlFile.get(p, "name");
                Optional<Node> value = YamlFile.get(p, "value");
                if (name.flatMap(YamlFile::text).isEmpty()) {
                    problems.add(new Problem(file.name(), YamlFile.line(p), "a parameter needs a name"));
                    continue;
                }
                String n = name.flatMap(YamlFile::text).get();
                if (params.containsKey(n)) {
                    problems.add(new Problem(file.name(), YamlFile.line(name.get()), "parameter '" + n
                            + "' is set twice"));
                }
                params.put(n, new Param(n, value.flatMap(YamlFile::text).orElse(null), YamlFile.line(name.get()),
                        value.map(YamlFile::line).orElse(YamlFile.line(name.get())), value.map(RouteFile::start)
                        .orElse(-1), value.map(RouteFile::end).orElse(-1)));
            }
        }
        Optional<Node> ref = YamlFile.get(t, "routeTemplateRef");
        Optional<Node> id = YamlFile.get(t, "routeId");
        Span span = new Span(start(item), end(item), item.getStartMark().map(m -> m.getColumn()).orElse(0));
        return new TemplatedRoute(file.name(), YamlFile.line(item), span,
                ref.flatMap(YamlFile::text).orElse(null), ref.map(YamlFile::line).orElse(YamlFile.line(item)),
                id.flatMap(YamlFile::text).orElse(null), id.map(YamlFile::line).orElse(YamlFile.line(item)),
                params, problems);
    }

    private static int start(Node node) {
        return node.getStartMark().map(m -> m.getIndex()).orElse(-1);
    }

    private static int end(Node node) {
        return node.getEndMark().map(m -> m.getIndex()).orElse(-1);
    }

    private PlainRoute plainRoute(Node item, Node route) {
        Optional<Node> id = YamlFile.get(route, "id");
        List<Uri> uris = new ArrayList<>();
        collectUris(route, uris);
        return new PlainRoute(id.flatMap(YamlFile::text).orElse(null), id.map(YamlFile::line)
                .orElse(YamlFile.line(item)), uris);
    }

    /** Every {@code aihub-*} endpoint URI below a node: {@code uri:} values and {@code from:/to:} texts. */
    private static void collectUris(Node node, List<Uri> out) {
        for (Map.Entry<String, NodeTuple> e : YamlFile.entries(node).entrySet()) {
            Node value = e.getValue().getValueNode();
            Optional<String> text = YamlFile.text(value);
            if (text.isPresent() && List.of("uri", "from", "to", "toD").contains(e.getKey())
                    && text.get().startsWith("aihub-")) {
                Map<String, String> params = new LinkedHashMap<>();
                YamlFile.get(node, "parameters").ifPresent(p -> YamlFile.entries(p).forEach((k, v) ->
                        params.put(k, YamlFile.text(v.getValueNode()).orElse(""))));
                out.add(new Uri(text.get(), params, YamlFile.line(value)));
            } else {
                collectUris(value, out);
            }
        }
        for (Node item : YamlFile.items(node)) {
            collectUris(item, out);
        }
    }

    public ProjectFile file() {
        return file;
    }

    public YamlFile yaml() {
        return yaml;
    }

    public List<TemplatedRoute> templatedRoutes() {
        return List.copyOf(templated);
    }

    public List<PlainRoute> plainRoutes() {
        return List.copyOf(plain);
    }

    /** Problems with the file's shape found while reading it. */
    public List<Problem> shapeProblems() {
        List<Problem> out = new ArrayList<>(shapeProblems);
        templated.forEach(t -> out.addAll(t.problems()));
        return out;
    }

    /** Every route id the file defines. */
    public List<String> routeIds() {
        List<String> out = new ArrayList<>();
        templated.stream().map(TemplatedRoute::routeId).filter(java.util.Objects::nonNull).forEach(out::add);
        plain.stream().map(PlainRoute::id).filter(java.util.Objects::nonNull).forEach(out::add);
        return out;
    }

    /**
     * One parameter of a templated route.
     *
     * @param value      the value as written (placeholders unresolved), or null when missing
     * @param valueStart the value's first character in the file (code points), or -1
     * @param valueEnd   the index just after the value, or -1
     */
    public record Param(String name, String value, int nameLine, int valueLine, int valueStart, int valueEnd) {

        /** A parameter with another value at the same place. */
        public Param withValue(String newValue) {
            return new Param(name, newValue, nameLine, valueLine, valueStart, valueEnd);
        }
    }

    /** One {@code templatedRoute} entry. */
    public record TemplatedRoute(String file, int line, Span span, String template, int templateLine, String routeId,
            int routeIdLine, Map<String, Param> params, List<Problem> problems) {

        public Optional<String> value(String name) {
            return Optional.ofNullable(params.get(name)).map(Param::value);
        }
    }

    /** Where a list item is in the file: code point indexes and the column its first line starts at. */
    public record Span(int start, int end, int column) {
    }

    /** One plain Camel route: its id and its aihub endpoints. */
    public record PlainRoute(String id, int idLine, List<Uri> uris) {
    }

    /** An aihub endpoint URI with its {@code parameters:} map and its line. */
    public record Uri(String uri, Map<String, String> parameters, int line) {
    }
}
