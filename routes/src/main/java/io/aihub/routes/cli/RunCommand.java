package io.aihub.routes.cli;

import io.aihub.api.error.ConfigException;
import io.aihub.routes.HubApplication;
import io.aihub.routes.config.SecretsFile;
import io.aihub.routes.dev.DevReloader;
import io.aihub.routes.observe.LogFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code ./aihub run}: runs the hub until Ctrl-C, or with {@code --once} until the sources are drained. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the hub. Without --config: embedded broker, H2 BI database, shipped models and the "
                + "simulated CRM (demo profile).",
            "With --once: scores everything the sources hold now, waits until every prediction is published, "
                + "stored and written back, then exits printing one summary line.",
            "With --dev: reloads a route when its *.camel.yaml or *.mapping.yaml file changes (routes loaded from "
                + "files, e.g. aihub.routes in the --config file); the route is stopped gracefully first, so no "
                + "in-flight record is lost or published twice."})
public final class RunCommand implements Callable<Integer> {

    @ParentCommand
    AihubCli cli;

    @Option(names = "--dev", description = "Reload routes when their YAML or mapping files change.")
    boolean dev;

    @Option(names = "--dev-poll", paramLabel = "DURATION", defaultValue = "PT0.5S", hidden = true,
            description = "With --dev: how often the route folders are checked. Default: ${DEFAULT-VALUE}.")
    Duration devPoll;

    @Option(names = "--once", description = "Drain what the sources hold now, then exit.")
    boolean once;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file read after the built-in defaults (real broker, database, systems).")
    Path config;

    @Option(names = "--secrets", paramLabel = "FILE",
            description = "Properties file of credentials, outside the repository and not readable by other users "
                    + "(chmod 600); its keys win over --config and the defaults. Same as -D aihub.secretsFile=FILE.")
    Path secrets;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT10M",
            description = "With --once: give up (exit 2) when not drained within this ISO-8601 duration. "
                    + "Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "PT2S",
            description = "How often to print the progress line. Default: ${DEFAULT-VALUE}.")
    Duration progressInterval;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text (default) or json: one JSON object per line with route, recordIdHash, eventId "
                    + "and messageId fields (same as -D aihub.log.format=json).")
    String logFormat;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Sets a configuration property.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Optional<java.nio.file.Path> file = Optional.ofNullable(config).map(c -> cli.workDir().resolve(c));
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            System.err.println("error: configuration file not found: " + config);
            return 1;
        }
        if (logFormat != null) {
            try {
                properties.put(LogFormat.PROPERTY, LogFormat.check(logFormat));
            } catch (IllegalArgumentException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
            LogFormat.apply(logFormat);
        }
        if (secrets != null) {
            properties.put(SecretsFile.KEY, cli.workDir().resolve(secrets).toString());
        }
        HubApplication app;
        try {
            app = new HubApplication(properties, file, cli.out());
        } catch (ConfigException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        if (dev) {
            app.attach(hub -> {
                DevReloader reloader = new DevReloader(hub.camelContext(), hub.runtime().activity(), cli.out(),
                        devPoll.toMillis());
                if (reloader.folders().isEmpty()) {
                    cli.out().println("dev mode: no routes loaded from files (set aihub.routes in a --config file); "
                            + "nothing to watch");
                }
                reloader.start();
                return reloader;
            });
        }
        return app.run(once, timeout, progressInterval);
    }
}
