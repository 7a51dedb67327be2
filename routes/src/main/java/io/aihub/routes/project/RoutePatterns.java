package io.aihub.routes.project;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The route files a hub loads, as Camel include patterns ({@code camel.main.routesIncludePattern}), without the
 * shipped templates; and the folders those patterns name, where each route's mapping file sits.
 */
public final class RoutePatterns {

    /** The property Camel Main reads the patterns from. */
    public static final String PROPERTY = "camel.main.routesIncludePattern";
    /** The shipped templates' pattern, always loaded. */
    public static final String TEMPLATES = "classpath:templates/*.camel.yaml";

    private final List<String> patterns;

    private RoutePatterns(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** Parses a comma-separated pattern list; the templates' pattern is left out. */
    public static RoutePatterns of(String text) {
        List<String> out = new ArrayList<>();
        Arrays.stream(text == null ? new String[0] : text.split(",")).map(String::trim)
                .filter(p -> !p.isEmpty() && !p.equals(TEMPLATES)).forEach(out::add);
        return new RoutePatterns(out);
    }

    /** The route patterns, e.g. {@code file:/home/me/hub/routes/*.camel.yaml}. */
    public List<String> patterns() {
        return patterns;
    }

    /** The folder part of each pattern ({@code file:/home/me/hub/routes}), in order, without duplicates. */
    public List<String> folders() {
        List<String> out = new ArrayList<>();
        for (String p : patterns) {
            int slash = p.lastIndexOf('/');
            String folder = slash < 0 ? p.substring(0, p.indexOf(':') + 1) : p.substring(0, slash);
            if (!out.contains(folder)) {
                out.add(folder);
            }
        }
        return out;
    }

    /** Where the mapping of {@code routeId} would be in each folder, in order. */
    public List<String> mappingLocations(String routeId) {
        return folders().stream().map(f -> (f.endsWith(":") ? f : f + "/") + routeId + RouteMapping.SUFFIX).toList();
    }
}
