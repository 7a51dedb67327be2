package io.aihub.routes.cli;

import io.aihub.routes.fixture.FixtureSpec;
import io.aihub.routes.fixture.RouteOutcome;
import io.aihub.routes.fixture.RouteTestRunner;
import io.aihub.routes.project.ProjectConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ./aihub test <route>}: runs a route over its recorded fixtures and compares the outcome. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Runs a score-records route over its recorded fixtures (<routes folder>/fixtures/<route>/: "
                + "source-pages.json in, expected.json out) with the real model, an embedded broker and H2 in a "
                + "temporary folder on ephemeral ports; the route's source and sink are replaced by the fixture "
                + "connector. Prints a diff and exits 1 when the predictions, write-backs or dead letters differ.",
            "With --update: writes what the route did to expected.json instead (review it, then commit it)."})
public final class TestCommand implements Callable<Integer> {

    @ParentCommand
    AihubCli cli;

    @Mixin
    ProjectOptions options;

    @Parameters(paramLabel = "ROUTE", description = "The route id (its score-records routeId).")
    String routeId;

    @Option(names = "--update", description = "Record the outcome as the new expected.json.")
    boolean update;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT2M",
            description = "Give up when the route has not finished within this ISO-8601 duration. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        try (ProjectConfig config = options.open(cli)) {
            RouteTestRunner runner = new RouteTestRunner(config);
            RouteTestRunner.Located route;
            try {
                route = runner.locate(routeId);
            } catch (IllegalArgumentException e) {
                cli.out().println("error: " + e.getMessage());
                return 1;
            }
            FixtureSpec spec = FixtureSpec.read(route.fixtures());
            if (!update && !Files.isRegularFile(spec.expected())) {
                cli.out().println("error: no expectations " + config.display(spec.expected()) + "; record them with "
                        + "./aihub test " + routeId + " --update, review and commit them");
                return 1;
            }
            Path work = Files.createTempDirectory("aihub-test-");
            try {
                RouteOutcome actual = runner.run(route, spec, work, timeout);
                if (update) {
                    actual.write(spec.expected());
                    cli.out().println("recorded " + config.display(spec.expected()) + ": "
                            + actual.predictions().size() + " prediction(s), " + actual.writeBacks().size()
                            + " write-back(s), " + actual.deadLetters().size() + " dead letter(s)");
                    return 0;
                }
                RouteOutcome expected = RouteOutcome.read(spec.expected());
                List<String> diff = expected.diff(actual, spec.scoreTolerance());
                if (diff.isEmpty()) {
                    cli.out().println("PASS " + routeId + ": " + actual.predictions().size() + " prediction(s), "
                            + actual.writeBacks().size() + " write-back(s), " + actual.deadLetters().size()
                            + " dead letter(s) as expected");
                    return 0;
                }
                cli.out().println("FAIL " + routeId + ": " + diff.size() + " difference(s) from "
                        + config.display(spec.expected()) + " (- expected only, + actual only, ~ different)");
                diff.forEach(line -> cli.out().println("  " + line));
                return 1;
            } finally {
                deleteTree(work);
            }
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
