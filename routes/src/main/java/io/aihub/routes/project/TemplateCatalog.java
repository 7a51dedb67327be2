package io.aihub.routes.project;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The route templates a route may name in {@code routeTemplateRef}: the shipped ones
 * ({@code classpath:templates/*.camel.yaml}) plus any {@code routeTemplate} a validated file defines.
 */
public final class TemplateCatalog {

    /** The shipped templates, in documentation order. */
    public static final List<String> SHIPPED = List.of("score-records", "score-events", "write-back", "bi-sink");

    private final Map<String, Template> templates = new LinkedHashMap<>();

    /** The shipped templates, read from the classpath. */
    public static TemplateCatalog shipped() {
        TemplateCatalog catalog = new TemplateCatalog();
        for (String id : SHIPPED) {
            String location = "templates/" + id + ".camel.yaml";
            try (InputStream in = TemplateCatalog.class.getClassLoader().getResourceAsStream(location)) {
                if (in == null) {
                    throw new IllegalStateException("shipped template missing from the classpath: " + location);
                }
                catalog.addAll(YamlFile.parse(location, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return catalog;
    }

    /** Adds every {@code routeTemplate} of a parsed file. */
    public void addAll(YamlFile file) {
        file.root().ifPresent(root -> {
            for (Node item : YamlFile.items(root)) {
                YamlFile.get(item, "routeTemplate").ifPresent(t -> {
                    String id = YamlFile.get(t, "id").flatMap(YamlFile::text).orElse(null);
                    if (id == null) {
                        return;
                    }
                    List<Parameter> params = new ArrayList<>();
                    for (Node p : YamlFile.get(t, "parameters").map(YamlFile::items).orElse(List.of())) {
                        String name = YamlFile.get(p, "name").flatMap(YamlFile::text).orElse(null);
                        if (name != null) {
                            params.add(new Parameter(name,
                                    YamlFile.get(p, "defaultValue").flatMap(YamlFile::text).orElse(null),
                                    YamlFile.get(p, "description").flatMap(YamlFile::text).orElse("")));
                        }
                    }
                    templates.put(id, new Template(id, List.copyOf(params)));
                });
            }
        });
    }

    public Optional<Template> find(String id) {
        return Optional.ofNullable(templates.get(id));
    }

    public List<String> ids() {
        return List.copyOf(templates.keySet());
    }

    /** One template and its parameters. */
    public record Template(String id, List<Parameter> parameters) {

        public Optional<Parameter> parameter(String name) {
            return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
        }

        public List<String> names() {
            return parameters.stream().map(Parameter::name).toList();
        }
    }

    /**
     * One template parameter.
     *
     * @param defaultValue the default, or null when a route must set it
     */
    public record Parameter(String name, String defaultValue, String description) {

        public boolean required() {
            return defaultValue == null;
        }
    }
}
