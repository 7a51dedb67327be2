package io.aihub.routes.cli;

import io.aihub.routes.project.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options every route-project command shares: the configuration file and {@code -D} settings. Without
 * {@code --config}, {@code aihub.properties} in the working directory is used when it exists; without either,
 * the built-in defaults (the shipped demo routes).
 */
final class ProjectOptions {

    /** The configuration file a project folder holds by convention. */
    static final String DEFAULT_CONFIG = "aihub.properties";

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: ./aihub.properties when it exists, else the built-in defaults).")
    Path config;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Sets a configuration property.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The configuration file to use, if any, resolved against the working directory. */
    Optional<Path> configFile(Path workDir) {
        if (config != null) {
            return Optional.of(workDir.resolve(config));
        }
        Path conventional = workDir.resolve(DEFAULT_CONFIG);
        return Files.isRegularFile(conventional) ? Optional.of(conventional) : Optional.empty();
    }

    ProjectConfig open(AihubCli cli) {
        return open(cli, configFile(cli.workDir()));
    }

    ProjectConfig open(AihubCli cli, Optional<Path> configFile) {
        if (configFile.isPresent() && !Files.isRegularFile(configFile.get())) {
            throw new IllegalArgumentException("configuration file not found: " + configFile.get());
        }
        return new ProjectConfig(cli.workDir(), configFile, properties, cli.environment());
    }
}
