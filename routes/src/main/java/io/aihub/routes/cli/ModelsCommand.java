package io.aihub.routes.cli;

import io.aihub.model.HoldoutMetrics;
import io.aihub.model.ModelDescriptor;
import io.aihub.routes.project.ModelCatalog;
import io.aihub.routes.project.ProjectConfig;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code ./aihub models}: the models in the models folder and how the hub uses them. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Lists every model in the models folder (aihub.models.dir): its versions, the backend and "
                + "training metrics of the champion version, whether the hub loads it (aihub.models), and whether the "
                + "champion is pinned (aihub.model.<name>.version) or the highest version."})
public final class ModelsCommand implements Callable<Integer> {

    @ParentCommand
    AihubCli cli;

    @Mixin
    ProjectOptions options;

    @Override
    public Integer call() {
        try (ProjectConfig config = options.open(cli)) {
            ModelCatalog models = new ModelCatalog(config.modelsDir());
            List<String> loaded = config.list("aihub.models");
            cli.out().println("models in " + models.dir());
            TextTable table = new TextTable("MODEL", "VERSIONS", "BACKEND", "CHAMPION", "LOADED", "TRAINING METRICS");
            for (String name : models.models()) {
                Optional<String> pinned = config.find("aihub.model." + name + ".version");
                Optional<String> champion = models.effectiveVersion(name, pinned);
                Optional<ModelDescriptor> descriptor = champion.flatMap(v -> models.descriptor(name, v));
                String championText = champion.map(v -> v + (pinned.isPresent() ? " (pinned)" : " (highest)"))
                        .orElse(pinned.map(v -> v + " (pinned, missing)").orElse("-"));
                table.add(name, String.join(",", models.versions(name)),
                        descriptor.map(ModelDescriptor::backend).orElse("?"), championText,
                        loaded.contains(name) ? "yes" : "no",
                        descriptor.map(d -> metrics(d.metrics())).orElse(champion.map(v -> "unreadable: "
                                + models.error(name, v)).orElse("")));
            }
            loaded.stream().filter(n -> !models.models().contains(n)).forEach(n -> table.add(n, "-", "-", "-",
                    "missing", "listed in aihub.models but not in the models folder"));
            table.print(cli.out());
            return 0;
        }
    }

    private static String metrics(HoldoutMetrics m) {
        if (m == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "auc=%.3f accuracy=%.3f logLoss=%.3f holdoutRows=%d", m.auc(), m.accuracy(),
                m.logLoss(), m.holdoutRows());
    }
}
