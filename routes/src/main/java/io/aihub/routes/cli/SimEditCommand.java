package io.aihub.routes.cli;

import io.aihub.routes.demo.DemoSimulators;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./aihub sim-edit --accounts N}: a person edits N accounts in the simulated CRM. */
@Command(name = "sim-edit", mixinStandardHelpOptions = true,
        description = "Demo profile: edits accounts in the simulated CRM, as a sales rep would; the next run of "
                + "the hub sees them as changed records and scores them again.")
public final class SimEditCommand implements Callable<Integer> {

    @Option(names = "--accounts", required = true, description = "How many distinct accounts to edit.")
    int accounts;

    @Option(names = "--data-dir", defaultValue = "data", description = "The hub's data folder. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        Path journal = DemoSimulators.recordEdit(dataDir, accounts);
        System.out.println("recorded an edit of " + accounts + " account(s) in " + journal
                + "; the next ./aihub run applies it");
        return 0;
    }
}
