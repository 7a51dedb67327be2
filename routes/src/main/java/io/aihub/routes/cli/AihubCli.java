package io.aihub.routes.cli;

import io.aihub.routes.HubVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code ./aihub}. */
@Command(name = "aihub", mixinStandardHelpOptions = true, versionProvider = AihubCli.Version.class,
        description = "Puts AI predictions into the business systems you already run.",
        subcommands = {RunCommand.class, BrokerCommand.class, DlqCommand.class, ConnectorsCommand.class, TrainCommand.class,
            SimEditCommand.class, ApiTokenCommand.class})
public final class AihubCli implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int exit = new CommandLine(new AihubCli()).execute(args);
        System.exit(exit);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Prints the build's version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aihub " + HubVersion.current()};
        }
    }
}
