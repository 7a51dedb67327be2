package io.aihub.routes.cli;

import io.aihub.routes.project.ConnectorCatalog;
import io.aihub.routes.project.Problem;
import io.aihub.routes.project.ProjectConfig;
import io.aihub.routes.project.ProjectFile;
import io.aihub.routes.project.ProjectFiles;
import io.aihub.routes.project.ProjectValidator;
import io.aihub.routes.project.RouteFile;
import io.aihub.routes.project.YamlFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ./aihub routes}: the configured routes and their state. */
@Command(name = "routes", mixinStandardHelpOptions = true,
        description = {"Lists every configured route (the files the include pattern matches): id, template, source, "
                + "model, subscribers and the file; then the routes of each subscriber (bi-sink, write-back).",
            "State is 'ok', or the number of problems ./aihub validate reports for the route's file."})
public final class RoutesCommand implements Callable<Integer> {

    @ParentCommand
    AihubCli cli;

    @Mixin
    ProjectOptions options;

    @Override
    public Integer call() {
        try (ProjectConfig config = options.open(cli)) {
            ProjectFiles files = ProjectFiles.configured(config);
            List<Problem> problems = new ProjectValidator(config, cli.environment(), ConnectorCatalog.installed())
                    .validate(files.routes(), files.mappings());
            Map<String, Long> problemsByFile = problems.stream()
                    .collect(Collectors.groupingBy(Problem::file, Collectors.counting()));
            List<String[]> scoring = new ArrayList<>();
            List<String[]> subscribers = new ArrayList<>();
            for (ProjectFile f : files.routes()) {
                String state = problemsByFile.containsKey(f.name()) ? problemsByFile.get(f.name()) + " problem(s)" : "ok";
                RouteFile route;
                try {
                    route = RouteFile.parse(f);
                } catch (YamlFile.SyntaxError e) {
                    scoring.add(new String[] {"?", "?", "", "", "", "invalid", f.name()});
                    continue;
                }
                for (RouteFile.TemplatedRoute t : route.templatedRoutes()) {
                    String template = String.valueOf(t.template());
                    if (template.equals("bi-sink") || template.equals("write-back")) {
                        subscribers.add(new String[] {String.valueOf(t.routeId()), template,
                            value(config, t, "route"), value(config, t, "subscriber").isEmpty()
                                ? (template.equals("bi-sink") ? "bi" : "write-back") : value(config, t, "subscriber"),
                            value(config, t, "sink"), state, f.name()});
                    } else {
                        scoring.add(new String[] {String.valueOf(t.routeId()), template, value(config, t, "source"),
                            value(config, t, "model"), value(config, t, "subscribers"), state, f.name()});
                    }
                }
                for (RouteFile.PlainRoute p : route.plainRoutes()) {
                    String source = p.uris().stream().filter(u -> u.uri().startsWith("aihub-source:"))
                            .map(u -> u.uri().substring(13)).findFirst().orElse("");
                    String model = p.uris().stream().filter(u -> u.uri().startsWith("aihub-model:"))
                            .map(u -> u.uri().substring(12).split("\\?")[0]).findFirst().orElse("");
                    scoring.add(new String[] {String.valueOf(p.id()), "(plain)", source, model, "", state, f.name()});
                }
            }
            TextTable routes = new TextTable("ROUTE", "TEMPLATE", "SOURCE", "MODEL", "SUBSCRIBERS", "STATE", "FILE");
            scoring.forEach(routes::add);
            routes.print(cli.out());
            if (!subscribers.isEmpty()) {
                cli.out().println();
                TextTable subs = new TextTable("SUBSCRIBER ROUTE", "TEMPLATE", "OF ROUTE", "QUEUE", "SINK", "STATE",
                        "FILE");
                subscribers.forEach(subs::add);
                subs.print(cli.out());
            }
            return 0;
        }
    }

    /** A parameter's value with placeholders resolved where they can be; empty when not set. */
    private static String value(ProjectConfig config, RouteFile.TemplatedRoute t, String name) {
        Optional<String> raw = t.value(name);
        if (raw.isEmpty()) {
            return "";
        }
        try {
            return config.resolve(raw.get());
        } catch (RuntimeException e) {
            return raw.get();
        }
    }
}
