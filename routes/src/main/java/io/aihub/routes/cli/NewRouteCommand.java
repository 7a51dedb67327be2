package io.aihub.routes.cli;

import io.aihub.model.ModelDescriptor;
import io.aihub.routes.broker.Addresses;
import io.aihub.routes.fixture.FixtureSpec;
import io.aihub.routes.fixture.RouteTestRunner;
import io.aihub.routes.project.ConnectorCatalog;
import io.aihub.routes.project.ModelCatalog;
import io.aihub.routes.project.ProjectConfig;
import io.aihub.routes.project.ProjectFiles;
import io.aihub.routes.project.RouteMapping;
import io.aihub.routes.project.RouteScaffold;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./aihub new-route <id> --template score-records --source <connector> --model <model>}. */
@Command(name = "new-route", mixinStandardHelpOptions = true,
        description = {"Scaffolds a route in the routes folder the hub loads: <id>.camel.yaml (scoring, BI and, when "
                + "the source can be written to, write-back), <id>.mapping.yaml (field renames and write-back fields), "
                + "and fixtures/<id>/ with test.yaml and a page of sample records for ./aihub test.",
            "The routes folder is the folder of the configuration's aihub.routes pattern (aihub.routes = "
                + "routes/*.camel.yaml in ./aihub.properties), else --routes-dir (default: routes)."})
public final class NewRouteCommand implements Callable<Integer> {

    @ParentCommand
    AihubCli cli;

    @Mixin
    ProjectOptions options;

    @Parameters(paramLabel = "ID", description = "The route id: letters, digits, '-' and '_'.")
    String routeId;

    @Option(names = "--template", defaultValue = "score-records",
            description = "The route template (score-records). Default: ${DEFAULT-VALUE}.")
    String template;

    @Option(names = "--source", required = true, paramLabel = "CONNECTOR",
            description = "The source connector instance (listed in aihub.connectors).")
    String source;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The model (listed in aihub.models).")
    String model;

    @Option(names = "--sink", paramLabel = "CONNECTOR",
            description = "Where to write back (default: the source instance when its type can be written to; "
                    + "'none' for no write-back).")
    String sink;

    @Option(names = "--routes-dir", paramLabel = "DIR",
            description = "The routes folder when the configuration names none (default: routes).")
    Path routesDir;

    @Option(names = "--force", description = "Overwrite existing files.")
    boolean force;

    @Override
    public Integer call() throws Exception {
        if (!"score-records".equals(template)) {
            cli.out().println("error: new-route scaffolds score-records routes; for " + template
                    + " see docs/routes-reference.md");
            return 1;
        }
        try {
            Addresses.checked("route id", routeId);
        } catch (IllegalArgumentException e) {
            cli.out().println("error: " + e.getMessage());
            return 1;
        }
        try (ProjectConfig config = options.open(cli)) {
            List<String> problems = new ArrayList<>();
            ConnectorCatalog connectors = ConnectorCatalog.installed();
            Optional<ConnectorCatalog.Kind> sourceKind = kind(config, connectors, source, problems);
            sourceKind.filter(k -> !k.source()).ifPresent(k -> problems.add("connector instance '" + source
                    + "' of type " + k.type() + " cannot be a source"));
            String sinkInstance = sink == null ? sourceKind.filter(ConnectorCatalog.Kind::sink).map(k -> source)
                    .orElse(null) : sink.equals("none") ? null : sink;
            if (sinkInstance != null && sink != null) {
                kind(config, connectors, sinkInstance, problems).filter(k -> !k.sink()).ifPresent(k -> problems.add(
                        "connector instance '" + sinkInstance + "' of type " + k.type() + " cannot be a sink"));
            }
            ModelCatalog models = new ModelCatalog(config.modelsDir());
            Optional<ModelDescriptor> descriptor = Optional.empty();
            if (!config.list("aihub.models").contains(model)) {
                problems.add("unknown model '" + model + "' (aihub.models: " + config.list("aihub.models") + ")");
            } else {
                Optional<String> version = models.effectiveVersion(model, config.find("aihub.model." + model + ".version"));
                descriptor = version.flatMap(v -> models.descriptor(model, v));
                if (descriptor.isEmpty()) {
                    problems.add("model '" + model + "' cannot be read from " + models.dir() + ": "
                            + version.map(v -> models.error(model, v)).orElse("no versions"));
                }
            }
            if (!problems.isEmpty()) {
                problems.forEach(p -> cli.out().println("error: " + p));
                return 1;
            }
            Path folder = routesFolder(config);
            List<String> allowed = sinkInstance == null ? List.of() : config.list("aihub.connector." + sinkInstance
                    + ".allowedFields");
            RouteScaffold scaffold = new RouteScaffold(routeId, source, sinkInstance, descriptor.get(), allowed);
            Path fixtures = folder.resolve(RouteTestRunner.FIXTURES).resolve(routeId);
            Map<Path, String> files = new java.util.LinkedHashMap<>();
            files.put(folder.resolve(routeId + ProjectFiles.ROUTE_SUFFIX), scaffold.routeYaml());
            files.put(folder.resolve(routeId + RouteMapping.SUFFIX), scaffold.mappingYaml());
            files.put(fixtures.resolve(FixtureSpec.FILE), scaffold.testYaml());
            files.put(fixtures.resolve(FixtureSpec.PAGES), scaffold.sourcePagesJson());
            for (Path file : files.keySet()) {
                if (Files.exists(file) && !force) {
                    cli.out().println("error: " + config.display(file) + " exists (--force overwrites it)");
                    return 1;
                }
            }
            for (var e : files.entrySet()) {
                Files.createDirectories(e.getKey().getParent());
                Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
                cli.out().println("created " + config.display(e.getKey()));
            }
            if (config.routePatterns().folders().stream().noneMatch(f -> f.equals("file:" + folder))) {
                cli.out().println("note: the hub loads " + config.routePatterns().patterns() + "; add aihub.routes = "
                        + config.display(folder) + "/*.camel.yaml to " + config.configFile().map(config::display)
                        .orElse(ProjectOptions.DEFAULT_CONFIG));
            }
            cli.out().println("next: edit " + config.display(folder.resolve(routeId + RouteMapping.SUFFIX))
                    + ", then ./aihub validate, ./aihub test " + routeId + " --update, ./aihub test " + routeId);
            return 0;
        }
    }

    private static Optional<ConnectorCatalog.Kind> kind(ProjectConfig config, ConnectorCatalog connectors,
            String instance, List<String> problems) {
        if (!config.list("aihub.connectors").contains(instance)) {
            problems.add("unknown connector instance '" + instance + "' (aihub.connectors: "
                    + config.list("aihub.connectors") + ")");
            return Optional.empty();
        }
        Optional<String> type = config.find("aihub.connector." + instance + ".type");
        Optional<ConnectorCatalog.Kind> kind = type.flatMap(connectors::find);
        if (kind.isEmpty()) {
            problems.add("connector instance '" + instance + "' has no known type (" + type.orElse("not set") + ")");
        }
        return kind;
    }

    /** The first file folder of the configured route patterns, else --routes-dir, else routes/. */
    private Path routesFolder(ProjectConfig config) {
        if (routesDir != null) {
            return config.workDir().resolve(routesDir).normalize();
        }
        return config.routePatterns().folders().stream().filter(f -> f.startsWith("file:"))
                .map(f -> Path.of(f.substring(5))).findFirst()
                .orElse(config.workDir().resolve("routes"));
    }
}
