package io.aihub.routes.cli;

import io.aihub.routes.project.ConnectorCatalog;
import io.aihub.routes.project.Problem;
import io.aihub.routes.project.ProjectConfig;
import io.aihub.routes.project.ProjectFiles;
import io.aihub.routes.project.ProjectValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./aihub validate [PATH]}: checks routes, mappings and configuration offline. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks every route, mapping and configuration file offline, without starting anything: YAML "
                + "syntax, unknown templates and parameters, unknown connector instances and types, unknown models "
                + "and versions, mapping fields against the model's inputs (model.yaml features), write-back rules, "
                + "and placeholders without a value.",
            "Prints each problem as file:line: message and exits 1 when there is any, else prints 'ok' and exits 0.",
            "PATH: a folder (its aihub.properties, if any, and every *.camel.yaml and *.mapping.yaml under it), "
                + "one file, or nothing for the configured routes."})
public final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    AihubCli cli;

    @Mixin
    ProjectOptions options;

    @Parameters(arity = "0..1", paramLabel = "PATH", description = "Folder or file to check (default: the configured routes).")
    Path path;

    @Override
    public Integer call() {
        Path target = path == null ? null : cli.workDir().resolve(path).normalize();
        if (target != null && !Files.exists(target)) {
            cli.out().println(path + ": no such file or folder");
            return 1;
        }
        Optional<Path> configFile = options.configFile(cli.workDir());
        if (options.config == null && target != null && Files.isDirectory(target)
                && Files.isRegularFile(target.resolve(ProjectOptions.DEFAULT_CONFIG))) {
            configFile = Optional.of(target.resolve(ProjectOptions.DEFAULT_CONFIG));
        }
        if (options.config == null && target != null && target.toString().endsWith(".properties")) {
            configFile = Optional.of(target);
        }
        List<Problem> problems;
        try (ProjectConfig config = options.open(cli, configFile)) {
            ProjectFiles files = ProjectFiles.configured(config);
            if (target != null && Files.isDirectory(target)) {
                files.addFolder(config, target);
            } else if (target != null && !target.toString().endsWith(".properties") && !files.addFile(config, target)) {
                cli.out().println(path + ": not a route (*.camel.yaml), mapping (*.mapping.yaml) or configuration "
                        + "(*.properties) file");
                return 1;
            }
            problems = new ProjectValidator(config, cli.environment(), ConnectorCatalog.installed())
                    .validate(files.routes(), files.mappings());
            problems.forEach(p -> cli.out().println(p));
            if (problems.isEmpty()) {
                cli.out().println("ok: " + files.routes().size() + " route file(s), " + files.mappings().size()
                        + " mapping file(s), configuration " + config.configName());
            } else {
                cli.out().println(problems.size() + " problem(s)");
            }
        }
        return problems.isEmpty() ? 0 : 1;
    }
}
