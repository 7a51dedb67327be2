package io.aihub.routes.project;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML document parsed into nodes that keep their line numbers (snakeyaml-engine's node API, the parser
 * Camel's YAML DSL uses), with small typed accessors. Aliases and very large documents are refused.
 */
public final class YamlFile {

    private static final int MAX_ALIASES = 20;
    private static final int MAX_CODE_POINTS = 1 << 20;

    private final String name;
    private final Node root;

    private YamlFile(String name, Node root) {
        this.name = name;
        this.root = root;
    }

    /**
     * Parses one YAML document.
     *
     * @param name how problems name the file
     * @throws SyntaxError with the 1-based line of the first syntax error
     */
    public static YamlFile parse(String name, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(name).setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowDuplicateKeys(false).setCodePointLimit(MAX_CODE_POINTS).build();
        try {
            Optional<Node> node = new Compose(settings).composeReader(new StringReader(text));
            return new YamlFile(name, node.orElse(null));
        } catch (MarkedYamlEngineException e) {
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            // At the end of the file, the place the unfinished construct began says more (an unclosed quote).
            Optional<Mark> mark = problem.contains("end of stream") ? e.getContextMark().or(e::getProblemMark)
                    : e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 1).orElse(1);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new SyntaxError(line, "YAML syntax error: " + problem + context);
        } catch (YamlEngineException e) {
            throw new SyntaxError(1, "YAML syntax error: " + e.getMessage());
        }
    }

    public String name() {
        return name;
    }

    /** The document's root node, or empty for an empty document. */
    public Optional<Node> root() {
        return Optional.ofNullable(root);
    }

    /** The 1-based line a node starts on. */
    public static int line(Node node) {
        return node.getStartMark().map(Mark::getLine).orElse(0) + 1;
    }

    /** A mapping's entries by key text, in file order (non-scalar keys are skipped). */
    public static Map<String, NodeTuple> entries(Node node) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    out.put(key.getValue(), tuple);
                }
            }
        }
        return out;
    }

    /** The value node of {@code key} in a mapping, if present. */
    public static Optional<Node> get(Node node, String key) {
        return Optional.ofNullable(entries(node).get(key)).map(NodeTuple::getValueNode);
    }

    /** The text of a scalar node; empty for other nodes. */
    public static Optional<String> text(Node node) {
        return node instanceof ScalarNode scalar ? Optional.of(scalar.getValue()) : Optional.empty();
    }

    /** The items of a sequence node; empty for other nodes. */
    public static List<Node> items(Node node) {
        return node instanceof SequenceNode seq ? new ArrayList<>(seq.getValue()) : List.of();
    }

    /** A syntax error with its line. */
    public static final class SyntaxError extends RuntimeException {
        private final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
