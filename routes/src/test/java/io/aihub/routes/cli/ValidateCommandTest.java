package io.aihub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code ./aihub validate} on a folder of deliberately broken routes ({@code src/test/resources/broken-routes})
 * reports exactly one problem on every line marked by an {@code # expect-error:} comment on the line before, and
 * nothing else; valid projects pass.
 */
class ValidateCommandTest {

    private static final Path BROKEN = Path.of("src", "test", "resources", "broken-routes").toAbsolutePath();
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Map<String, String> ENV = Map.of("AIHUB_MODELS_DIR",
            Path.of("..", "models").toAbsolutePath().normalize().toString());
    private static final Pattern PROBLEM = Pattern.compile("^(\\S+?:\\d+): .+$", Pattern.MULTILINE);

    @Test
    void shouldReportEverySeededErrorWithItsFileAndLineAndNothingElse() throws IOException {
        Run run = validate(BROKEN, ".");

        List<String> reported = new ArrayList<>();
        Matcher m = PROBLEM.matcher(run.output);
        while (m.find()) {
            reported.add(m.group(1));
        }
        List<String> expected = seededErrors();
        assertThat(expected).hasSizeGreaterThanOrEqualTo(20);
        assertThat(reported).as(run.output).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(run.exit).isEqualTo(1);
    }

    @Test
    void shouldReportASingleBrokenFileByItsPath() {
        Run run = validate(BROKEN, "routes/unknown-template.camel.yaml");

        assertThat(run.output).contains("routes/unknown-template.camel.yaml:3: unknown route template 'score-recrods'");
        assertThat(run.exit).isEqualTo(1);
    }

    @Test
    void shouldPassTheShippedDefaultRoutesAndExampleProfiles() {
        Path anywhere = Path.of("").toAbsolutePath();
        assertThat(validate(anywhere).exit).as(validate(anywhere).output).isZero();
        for (String example : List.of("dataverse", "sap", "jdbc", "portal")) {
            Run run = validate(EXAMPLES.resolve(example), ".");
            assertThat(run.exit).as(example + ": " + run.output).isZero();
            assertThat(run.output).startsWith("ok: ");
        }
    }

    /** {@code file:line} of every line that follows an {@code # expect-error:} comment. */
    private static List<String> seededErrors() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(BROKEN)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".md")).toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).trim().startsWith("# expect-error:")) {
                        out.add(BROKEN.relativize(file) + ":" + (i + 2));
                    }
                }
            }
        }
        return out;
    }

    private record Run(int exit, String output) {
    }

    private static Run validate(Path workDir, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "validate";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = AihubCli.execute(workDir, ENV, new PrintStream(bytes, true, StandardCharsets.UTF_8), all);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }
}
