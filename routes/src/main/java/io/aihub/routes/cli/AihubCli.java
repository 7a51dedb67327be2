package io.aihub.routes.cli;

import io.aihub.routes.HubVersion;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./aihub}. */
@Command(name = "aihub", mixinStandardHelpOptions = true, versionProvider = AihubCli.Version.class,
        description = "Puts AI predictions into the business systems you already run.",
        subcommands = {RunCommand.class, BrokerCommand.class, DlqCommand.class, ConnectorsCommand.class, TrainCommand.class,
            SimEditCommand.class, ApiTokenCommand.class, NewRouteCommand.class, ValidateCommand.class, TestCommand.class,
            RoutesCommand.class, ModelsCommand.class})
public final class AihubCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final Path workDir;
    private final Map<String, String> environment;
    private final PrintStream out;

    public AihubCli() {
        this(Path.of("").toAbsolutePath(), System.getenv(), System.out);
    }

    private AihubCli(Path workDir, Map<String, String> environment, PrintStream out) {
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
        this.out = out;
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new AihubCli()).execute(args);
        System.exit(exit);
    }

    /**
     * Runs a command in this JVM as if {@code ./aihub} ran in {@code workDir} with {@code environment}, printing
     * to {@code out} (used by the tests that follow the docs).
     *
     * @return the exit code
     */
    public static int execute(Path workDir, Map<String, String> environment, PrintStream out, String... args) {
        CommandLine cli = new CommandLine(new AihubCli(workDir.toAbsolutePath(), environment, out));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(out, true));
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The directory relative paths on the command line and in project files resolve against. */
    Path workDir() {
        return workDir;
    }

    /** The environment (secrets, {@code AIHUB_*} keys such as {@code AIHUB_MODELS_DIR}). */
    Map<String, String> environment() {
        return environment;
    }

    /** Where commands print. */
    PrintStream out() {
        return out;
    }

    /** Prints the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aihub " + HubVersion.current()};
        }
    }
}
