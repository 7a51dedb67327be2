package io.aihub.routes.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;

/**
 * The hub's routes as Camel runs them, grouped by aihub route: a scoring route (template {@code score-records}
 * or {@code score-events}) and the Camel routes of its subscribers ({@code bi-sink}, {@code write-back}) all
 * carry the aihub route id in their {@code route} template parameter.
 */
final class HubRoutes {

    /** Templates whose routes score records; their {@code route} parameter names the aihub route. */
    static final List<String> SCORING_TEMPLATES = List.of("score-records", "score-events");

    /** One Camel route: its id, the template it was stamped from (or null), parameters and state. */
    record Part(String camelRouteId, String template, Map<String, String> parameters, String state) {
    }

    /**
     * One aihub route.
     *
     * @param id      the aihub route id (names its addresses and counters)
     * @param scoring the Camel route that scores records, or null when only subscribers were found
     * @param parts   every Camel route of the aihub route, the scoring one first
     */
    record HubRoute(String id, Part scoring, List<Part> parts) {

        String parameter(String name) {
            return scoring == null ? null : blankToNull(scoring.parameters().get(name));
        }

        /** The subscriber names of the scoring route ({@code subscribers} parameter). */
        List<String> subscribers() {
            String text = parameter("subscribers");
            return text == null ? List.of() : java.util.Arrays.stream(text.split(",")).map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
        }
    }

    private final CamelContext context;

    HubRoutes(CamelContext context) {
        this.context = context;
    }

    /** Every aihub route, sorted by id. */
    List<HubRoute> all() {
        Map<String, List<Part>> byRoute = new java.util.TreeMap<>();
        for (Route route : context.getRoutes()) {
            Part part = part(route);
            String id = Optional.ofNullable(blankToNull(part.parameters().get("route"))).orElse(part.camelRouteId());
            byRoute.computeIfAbsent(id, k -> new ArrayList<>()).add(part);
        }
        List<HubRoute> out = new ArrayList<>();
        byRoute.forEach((id, parts) -> {
            parts.sort(java.util.Comparator.comparing((Part p) -> !SCORING_TEMPLATES.contains(p.template()))
                    .thenComparing(Part::camelRouteId));
            Part scoring = parts.stream().filter(p -> SCORING_TEMPLATES.contains(p.template())).findFirst()
                    .orElse(null);
            out.add(new HubRoute(id, scoring, List.copyOf(parts)));
        });
        return out;
    }

    /** A route by aihub id. */
    Optional<HubRoute> find(String id) {
        return all().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    private Part part(Route route) {
        String id = route.getRouteId();
        Map<String, String> parameters = new LinkedHashMap<>();
        String template = null;
        Model model = context.getCamelContextExtension().getContextPlugin(Model.class);
        RouteDefinition definition = model == null ? null : model.getRouteDefinition(id);
        if (definition != null && definition.getTemplateParameters() != null) {
            definition.getTemplateParameters().forEach((k, v) -> parameters.put(k, resolve(v)));
        }
        if (definition != null && definition.isCreatedFromTemplate() && model != null) {
            template = templateOf(model, parameters.keySet());
        }
        ServiceStatus status = context.getRouteController().getRouteStatus(id);
        return new Part(id, template, parameters, status == null ? "Unknown" : status.name());
    }

    /**
     * The template a route was stamped from. Camel keeps a templated route's parameters (those given and the
     * template's defaults) but not the template's id, so the template is the one whose declared parameters are
     * exactly the route's; failing that, the one declaring most of them.
     */
    private static String templateOf(Model model, java.util.Set<String> parameterNames) {
        String best = null;
        int bestScore = -1;
        for (var template : model.getRouteTemplateDefinitions()) {
            java.util.Set<String> declared = new java.util.HashSet<>();
            template.getTemplateParameters().forEach(p -> declared.add(p.getName()));
            if (declared.equals(parameterNames)) {
                return template.getId();
            }
            if (parameterNames.containsAll(declared) && declared.size() > bestScore) {
                best = template.getId();
                bestScore = declared.size();
            }
        }
        return best;
    }

    private String resolve(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString();
        try {
            return context.resolvePropertyPlaceholders(text);
        } catch (RuntimeException e) {
            return text;
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
