package io.aihub.routes.project;

import io.aihub.routes.flow.WriteBackMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a project offline ({@code ./aihub validate}): the configuration file (connector instances and types,
 * their keys, models and pinned versions, placeholders), every route file (YAML syntax, templates and their
 * parameters, connector instances, models and versions, field renames, write-back fields, placeholders) and
 * every mapping file (its model, inputs against the model's features, write-back rules). Nothing is started and
 * no system is called.
 */
public final class ProjectValidator {

    private static final Set<String> SCORING = Set.of("score-records", "score-events");

    private final ProjectConfig config;
    private final Map<String, String> environment;
    private final ConnectorCatalog connectors;
    private final ModelCatalog models;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, ProjectFile> mappingsByRoute = new LinkedHashMap<>();

    public ProjectValidator(ProjectConfig config, Map<String, String> environment, ConnectorCatalog connectors) {
        this.config = config;
        this.environment = environment;
        this.connectors = connectors;
        this.models = new ModelCatalog(config.modelsDir());
    }

    /**
     * Validates the configuration, the given route files and mapping files.
     *
     * @return every problem, sorted by file and line
     */
    public List<Problem> validate(List<ProjectFile> routeFiles, List<ProjectFile> mappingFiles) {
        validateConfig();
        mappingFiles.forEach(m -> mappingsByRoute.put(m.stem(RouteMapping.SUFFIX), m));
        TemplateCatalog templates = TemplateCatalog.shipped();
        List<RouteFile> parsed = new ArrayList<>();
        for (ProjectFile f : routeFiles) {
            try {
                RouteFile route = RouteFile.parse(f);
                templates.addAll(route.yaml());
                parsed.add(route);
                problems.addAll(route.shapeProblems());
            } catch (YamlFile.SyntaxError e) {
                problems.add(new Problem(f.name(), e.line(), e.getMessage()));
            }
        }
        Map<String, String> scoringRoutes = new HashMap<>();
        Map<String, String> seenIds = new HashMap<>();
        for (RouteFile f : parsed) {
            for (RouteFile.TemplatedRoute t : f.templatedRoutes()) {
                if (t.template() != null && SCORING.contains(t.template())) {
                    t.value("route").ifPresent(r -> scoringRoutes.put(r, t.value("model").orElse(null)));
                }
                if (t.routeId() != null && seenIds.putIfAbsent(t.routeId(), t.file()) != null) {
                    problems.add(new Problem(t.file(), t.routeIdLine(), "route id '" + t.routeId()
                            + "' is also used in " + seenIds.get(t.routeId())));
                }
            }
            for (RouteFile.PlainRoute p : f.plainRoutes()) {
                if (p.id() != null && seenIds.putIfAbsent(p.id(), f.file().name()) != null) {
                    problems.add(new Problem(f.file().name(), p.idLine(), "route id '" + p.id()
                            + "' is also used in " + seenIds.get(p.id())));
                }
            }
        }
        for (RouteFile f : parsed) {
            f.templatedRoutes().forEach(t -> validateTemplated(t, templates, scoringRoutes));
            f.plainRoutes().forEach(p -> p.uris().forEach(u -> validateUri(f.file().name(), u)));
        }
        for (ProjectFile m : mappingFiles) {
            validateMapping(m, scoringRoutes);
        }
        return new ArrayList<>(new TreeSet<>(problems));
    }

    // ---------------------------------------------------------------- configuration

    private void validateConfig() {
        String name = config.configName();
        for (String connector : config.list("aihub.connectors")) {
            String prefix = "aihub.connector." + connector + ".";
            Optional<String> type = config.find(prefix + "type");
            if (type.isEmpty()) {
                problems.add(new Problem(name, config.line("aihub.connectors"), "connector instance '" + connector
                        + "' is listed in aihub.connectors but " + prefix + "type is not set"));
                continue;
            }
            Optional<ConnectorCatalog.Kind> kind = connectors.find(type.get());
            if (kind.isEmpty()) {
                problems.add(new Problem(name, config.line(prefix + "type"), "unknown connector type '" + type.get()
                        + "' for connector instance '" + connector + "' (installed: "
                        + String.join(", ", connectors.types()) + ")"));
                continue;
            }
            for (String key : config.rawWithPrefix(prefix).keySet()) {
                String bare = key.startsWith("source.") ? key.substring(7)
                        : key.startsWith("sink.") ? key.substring(5) : key;
                if (!key.equals("type") && !kind.get().keys().contains(bare)) {
                    problems.add(new Problem(name, config.line(prefix + key), "unknown key '" + key
                            + "' for connector type " + type.get() + " (known: "
                            + String.join(", ", new TreeSet<>(kind.get().keys())) + ")"));
                }
            }
        }
        for (String model : config.list("aihub.models")) {
            if (!models.models().contains(model)) {
                problems.add(new Problem(name, config.line("aihub.models"), "unknown model '" + model + "' (models in "
                        + models.dir() + ": " + models.models() + ")"));
                continue;
            }
            Optional<String> pinned = config.find("aihub.model." + model + ".version");
            if (pinned.isPresent() && !models.versions(model).contains(pinned.get())) {
                problems.add(new Problem(name, config.line("aihub.model." + model + ".version"), "unknown version '"
                        + pinned.get() + "' of model " + model + " (versions: " + models.versions(model) + ")"));
            }
        }
        config.configFile().ifPresent(file -> {
            for (String key : config.rawWithPrefix("").keySet()) {
                if (!config.inConfigFile(key)) {
                    continue;
                }
                String raw = config.raw(key).orElse("");
                for (String p : Placeholders.withoutValue(raw, config, environment)) {
                    problems.add(new Problem(name, config.line(key), "placeholder " + p + " in " + key
                            + " has no value (set it in the configuration, with -D or in the environment, or give "
                            + "a default: {{key:default}})"));
                }
            }
        });
    }

    // ---------------------------------------------------------------- templated routes

    private void validateTemplated(RouteFile.TemplatedRoute t, TemplateCatalog templates,
            Map<String, String> scoringRoutes) {
        if (t.template() == null) {
            problems.add(new Problem(t.file(), t.line(), "templatedRoute needs a routeTemplateRef (one of "
                    + templates.ids() + ")"));
            return;
        }
        if (t.routeId() == null) {
            problems.add(new Problem(t.file(), t.line(), "templatedRoute needs an explicit routeId"));
        }
        Optional<TemplateCatalog.Template> template = templates.find(t.template());
        if (template.isEmpty()) {
            problems.add(new Problem(t.file(), t.templateLine(), "unknown route template '" + t.template()
                    + "' (known: " + String.join(", ", templates.ids()) + ")"));
            return;
        }
        for (RouteFile.Param p : t.params().values()) {
            if (template.get().parameter(p.name()).isEmpty()) {
                problems.add(new Problem(t.file(), p.nameLine(), "unknown parameter '" + p.name() + "' for template "
                        + t.template() + " (known: " + String.join(", ", template.get().names()) + ")"));
            } else if (p.value() == null) {
                problems.add(new Problem(t.file(), p.nameLine(), "parameter '" + p.name() + "' has no value"));
            }
        }
        for (TemplateCatalog.Parameter p : template.get().parameters()) {
            if (p.required() && !t.params().containsKey(p.name())) {
                problems.add(new Problem(t.file(), t.templateLine(), "template " + t.template()
                        + " needs the parameter '" + p.name() + "' (" + p.description() + ")"));
            }
        }
        for (RouteFile.Param p : t.params().values()) {
            if (p.value() == null) {
                continue;
            }
            for (String missing : Placeholders.withoutValue(p.value(), config, environment)) {
                problems.add(new Problem(t.file(), p.valueLine(), "placeholder " + missing + " in parameter '"
                        + p.name() + "' has no value"));
            }
            for (Placeholders.Placeholder ph : Placeholders.in(p.value())) {
                if ("mapping".equals(ph.function())) {
                    checkMappingReference(t.file(), p.valueLine(), ph);
                }
            }
        }
        String model = resolved(t, "model").orElse(null);
        switch (t.template()) {
            case "score-records" -> {
                resolvedParam(t, "source").ifPresent(p -> checkConnector(t.file(), p, "source"));
                checkModelParams(t, model);
            }
            case "score-events" -> {
                resolvedParam(t, "source").ifPresent(p -> checkConnector(t.file(), p, "events"));
                checkModelParams(t, model);
            }
            case "write-back" -> {
                resolvedParam(t, "sink").ifPresent(p -> checkConnector(t.file(), p, "sink"));
                checkScoringRoute(t, scoringRoutes);
                Optional<RouteFile.Param> fields = Optional.ofNullable(t.params().get("fields"));
                fields.filter(f -> f.value() != null && !f.value().contains("{{")).ifPresent(f -> {
                    try {
                        WriteBackMapping.parse(f.value());
                    } catch (IllegalArgumentException e) {
                        problems.add(new Problem(t.file(), f.valueLine(), e.getMessage()));
                    }
                });
            }
            case "bi-sink" -> checkScoringRoute(t, scoringRoutes);
            default -> { }
        }
    }

    private void checkScoringRoute(RouteFile.TemplatedRoute t, Map<String, String> scoringRoutes) {
        resolvedParam(t, "route").ifPresent(p -> {
            if (!scoringRoutes.containsKey(p.value())) {
                problems.add(new Problem(t.file(), p.valueLine(), "route '" + p.value() + "' is not a scoring route "
                        + "(score-records or score-events) of this hub (known: " + new TreeSet<>(scoringRoutes.keySet())
                        + ")"));
            }
        });
    }

    private void checkModelParams(RouteFile.TemplatedRoute t, String model) {
        Optional<RouteFile.Param> modelParam = resolvedParam(t, "model");
        if (model == null || modelParam.isEmpty()) {
            return;
        }
        if (!checkModel(t.file(), modelParam.get().valueLine(), model)) {
            return;
        }
        for (String versionParam : List.of("version", "shadow")) {
            resolvedParam(t, versionParam).filter(p -> !p.value().isBlank()).ifPresent(p ->
                    checkVersion(t.file(), p.valueLine(), model, p.value()));
        }
        resolvedParam(t, "canary").filter(p -> !p.value().isBlank()).ifPresent(p -> {
            int colon = p.value().indexOf(':');
            if (colon <= 0) {
                problems.add(new Problem(t.file(), p.valueLine(), "canary must be <version>:<percent>, got '"
                        + p.value() + "'"));
            } else {
                checkVersion(t.file(), p.valueLine(), model, p.value().substring(0, colon));
            }
        });
        // Renames are checked against the pinned version when it exists, else the configured one (an unknown pinned
        // version is reported once, above).
        Optional<String> version = resolved(t, "version").filter(v -> models.versions(model).contains(v))
                .or(() -> models.effectiveVersion(model, config.find("aihub.model." + model + ".version")));
        resolvedParam(t, "fields").filter(p -> !p.value().isBlank()).ifPresent(p -> version.ifPresent(v -> {
            for (String entry : p.value().split(",")) {
                String from = entry.contains("=") ? entry.substring(0, entry.indexOf('=')).trim() : entry.trim();
                String to = entry.contains("=") ? entry.substring(entry.indexOf('=') + 1).trim() : "";
                if (to.isEmpty()) {
                    problems.add(new Problem(t.file(), p.valueLine(), "fields entry '" + entry.trim()
                            + "' is not <model field>=<record field>"));
                } else {
                    checkInput(t.file(), p.valueLine(), model, v, from);
                }
            }
        }));
    }

    private boolean checkModel(String file, int line, String model) {
        if (!config.list("aihub.models").contains(model)) {
            problems.add(new Problem(file, line, "unknown model '" + model + "' (aihub.models: "
                    + config.list("aihub.models") + "; models in " + models.dir() + ": " + models.models() + ")"));
            return false;
        }
        return models.models().contains(model);
    }

    private void checkVersion(String file, int line, String model, String version) {
        if (!models.versions(model).contains(version)) {
            problems.add(new Problem(file, line, "unknown version '" + version + "' of model " + model
                    + " (versions: " + models.versions(model) + ")"));
        }
    }

    private void checkInput(String file, int line, String model, String version, String field) {
        Optional<List<String>> inputs = models.inputs(model, version);
        if (inputs.isEmpty()) {
            problems.add(new Problem(file, line, "model " + model + " " + version + " cannot be read: "
                    + models.error(model, version)));
        } else if (!inputs.get().contains(field)) {
            problems.add(new Problem(file, line, "'" + field + "' is not an input of model " + model + " " + version
                    + " (its features read: " + String.join(", ", inputs.get()) + ")"));
        }
    }

    private void checkConnector(String file, RouteFile.Param param, String role) {
        String instance = param.value();
        if (!config.list("aihub.connectors").contains(instance)) {
            problems.add(new Problem(file, param.valueLine(), "unknown connector instance '" + instance
                    + "' (aihub.connectors: " + config.list("aihub.connectors") + ")"));
            return;
        }
        Optional<ConnectorCatalog.Kind> kind = config.find("aihub.connector." + instance + ".type")
                .flatMap(connectors::find);
        if (kind.isEmpty()) {
            return; // reported on the configuration file
        }
        boolean fits = switch (role) {
            case "source" -> kind.get().source();
            case "sink" -> kind.get().sink();
            default -> kind.get().events();
        };
        if (!fits) {
            problems.add(new Problem(file, param.valueLine(), "connector instance '" + instance + "' of type "
                    + kind.get().type() + " cannot be " + (role.equals("events") ? "a webhook event source"
                    : "a " + role)));
        }
    }

    private void checkMappingReference(String file, int line, Placeholders.Placeholder ph) {
        String arg = ph.name();
        int slash = arg.indexOf('/');
        String route = slash < 0 ? arg : arg.substring(0, slash);
        String part = slash < 0 ? "" : arg.substring(slash + 1);
        if (!RouteMapping.PARTS.contains(part)) {
            problems.add(new Problem(file, line, ph.text() + " must name a part: {{mapping:" + route
                    + "/inputs}} or {{mapping:" + route + "/writeBack}}"));
        } else if (!mappingsByRoute.containsKey(route)) {
            problems.add(new Problem(file, line, ph.text() + ": no mapping file " + route + RouteMapping.SUFFIX
                    + " next to the route files"));
        }
    }

    /** A parameter whose value has no placeholders (or only resolvable ones), resolved. */
    private Optional<RouteFile.Param> resolvedParam(RouteFile.TemplatedRoute t, String name) {
        RouteFile.Param p = t.params().get(name);
        if (p == null || p.value() == null) {
            return Optional.empty();
        }
        if (!p.value().contains("{{")) {
            return Optional.of(p);
        }
        if (Placeholders.in(p.value()).stream().anyMatch(ph -> "mapping".equals(ph.function()))) {
            return Optional.empty(); // checked in the mapping file
        }
        try {
            String value = config.resolve(p.value());
            return Optional.of(p.withValue(value));
        } catch (RuntimeException e) {
            return Optional.empty(); // reported as a placeholder without a value
        }
    }

    private Optional<String> resolved(RouteFile.TemplatedRoute t, String name) {
        return resolvedParam(t, name).map(RouteFile.Param::value);
    }

    // ---------------------------------------------------------------- plain routes

    private void validateUri(String file, RouteFile.Uri uri) {
        String text = uri.uri();
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? text : text.substring(0, colon);
        String path = colon < 0 ? "" : text.substring(colon + 1).split("\\?")[0];
        Optional<ComponentCatalog.Component> component = ComponentCatalog.find(scheme);
        if (component.isEmpty()) {
            problems.add(new Problem(file, uri.line(), "unknown aihub component '" + scheme + "' (known: "
                    + String.join(", ", ComponentCatalog.schemes()) + ")"));
            return;
        }
        Map<String, String> options = new LinkedHashMap<>(uri.parameters());
        if (text.contains("?")) {
            for (String pair : text.substring(text.indexOf('?') + 1).split("&")) {
                options.put(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair, "");
            }
        }
        for (String option : options.keySet()) {
            if (component.get().option(option).isEmpty()) {
                problems.add(new Problem(file, uri.line(), "unknown option '" + option + "' for " + scheme
                        + " (known: " + String.join(", ", component.get().optionNames()) + ")"));
            }
        }
        if (path.contains("{{")) {
            return;
        }
        RouteFile.Param connector = new RouteFile.Param("", path, uri.line(), uri.line(), -1, -1);
        switch (scheme) {
            case "aihub-source" -> checkConnector(file, connector, "source");
            case "aihub-sink" -> checkConnector(file, connector, "sink");
            case "aihub-events" -> checkConnector(file, connector, "events");
            case "aihub-model" -> checkModel(file, uri.line(), path);
            default -> { }
        }
    }

    // ---------------------------------------------------------------- mapping files

    private void validateMapping(ProjectFile file, Map<String, String> scoringRoutes) {
        RouteMapping mapping;
        try {
            mapping = RouteMapping.read(YamlFile.parse(file.name(), file.text()), problems);
        } catch (YamlFile.SyntaxError e) {
            problems.add(new Problem(file.name(), e.line(), e.getMessage()));
            return;
        }
        String expectedRoute = file.stem(RouteMapping.SUFFIX);
        if (mapping.route() != null && !mapping.route().equals(expectedRoute)) {
            problems.add(new Problem(file.name(), 1, "route '" + mapping.route() + "' does not match the file name "
                    + "(expected route: " + expectedRoute + ")"));
        }
        if (mapping.model() == null) {
            if (!mapping.inputs().isEmpty()) {
                problems.add(new Problem(file.name(), 1, "a mapping with inputs must name its model (model: <name>)"));
            }
        } else if (checkModel(file.name(), mapping.modelLine(), mapping.model())) {
            String routeModel = scoringRoutes.get(expectedRoute);
            if (routeModel != null && !routeModel.contains("{{") && !routeModel.equals(mapping.model())) {
                problems.add(new Problem(file.name(), mapping.modelLine(), "model '" + mapping.model()
                        + "' differs from the route's model '" + routeModel + "'"));
            }
            Optional<String> version = models.effectiveVersion(mapping.model(),
                    config.find("aihub.model." + mapping.model() + ".version"));
            version.ifPresent(v -> mapping.inputs().values().forEach(e ->
                    checkInput(file.name(), e.line(), mapping.model(), v, e.key())));
        }
        for (RouteMapping.Entry e : mapping.writeBack().values()) {
            try {
                WriteBackMapping.parse(e.key() + "=" + e.value());
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(file.name(), e.line(), ex.getMessage()));
            }
        }
    }
}
