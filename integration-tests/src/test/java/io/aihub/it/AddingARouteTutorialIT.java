package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.aihub.routes.cli.AihubCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Follows {@code docs/adding-a-route.md}: runs every {@code bash} block in order in a temporary folder, each
 * {@code ./aihub} command in this JVM through the CLI's entry point ({@code run} with its ports and data folder
 * overridden), and fails when a command fails, when the page holds a command this test cannot run, or when an
 * output line the page shows ({@code created}, {@code ok:}, {@code recorded}, {@code PASS}, {@code summary:}) is not
 * what the command printed.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class AddingARouteTutorialIT {

    private static final String PAGE = "adding-a-route.md";
    private static final List<String> SHOWN_OUTPUT = List.of("created ", "ok: ", "recorded ", "PASS ", "summary: ");

    @TempDir
    Path dir;

    @Test
    void shouldTakeANewRouteFromScaffoldToARunningRouteAsTheTutorialShows() throws Exception {
        StringBuilder printed = new StringBuilder();
        int commands = 0;
        for (String block : DocExamples.blocks(PAGE, "bash")) {
            List<String> lines = block.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> words = words(line);
                if (words.get(0).equals("mkdir") && words.get(1).equals("-p") && words.size() == 3) {
                    Files.createDirectories(dir.resolve(words.get(2)));
                } else if (words.get(0).equals("cat") && words.get(1).equals(">") && words.size() == 4
                        && words.get(3).startsWith("<<")) {
                    String end = words.get(3).substring(2).replace("'", "");
                    StringBuilder text = new StringBuilder();
                    while (!lines.get(++i).equals(end)) {
                        text.append(lines.get(i)).append('\n');
                    }
                    Files.createDirectories(dir.resolve(words.get(2)).getParent());
                    Files.writeString(dir.resolve(words.get(2)), text.toString());
                } else if (words.get(0).equals("./aihub")) {
                    String output = aihub(words.subList(1, words.size()));
                    printed.append(output);
                    commands++;
                } else {
                    fail("docs/" + PAGE + " shows a command this test cannot follow: " + line);
                }
            }
        }
        assertThat(commands).isGreaterThanOrEqualTo(5);
        for (String shown : shownOutput()) {
            assertThat(printed.toString()).as("docs/%s shows '%s'", PAGE, shown).contains(shown);
        }
        assertThat(printed.toString()).containsPattern("(?m)^summary: .*dead_lettered=0$");
    }

    /** Runs one ./aihub command in the temporary folder; a run gets free ports and a data folder under it. */
    private String aihub(List<String> args) {
        List<String> all = new ArrayList<>(args);
        if (args.get(0).equals("run")) {
            // The environment given to the CLI reaches the commands that read a project, not the hub run in this JVM.
            all.addAll(List.of("-D", "aihub.dataDir=" + dir.resolve("data"),
                    "-D", "aihub.models.dir=" + HubHarness.MODELS,
                    "-D", "camel.management.port=" + HubHarness.freePort(),
                    "-D", "camel.server.port=" + HubHarness.freePort(),
                    "-D", "aihub.broker.corePort=0", "-D", "aihub.broker.amqpPort=0",
                    "-D", "aihub.broker.stompPort=0", "-D", "aihub.broker.mqttPort=0"));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = AihubCli.execute(dir, Map.of("AIHUB_MODELS_DIR", HubHarness.MODELS.toString()),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), all.toArray(String[]::new));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("./aihub %s printed:%n%s", String.join(" ", args), output).isZero();
        return output;
    }

    /** The output lines the page shows in its text blocks (without the shortened ones ending in "..."). */
    private static List<String> shownOutput() {
        List<String> out = new ArrayList<>();
        for (String block : DocExamples.blocks(PAGE, "text")) {
            block.lines().filter(l -> SHOWN_OUTPUT.stream().anyMatch(l::startsWith))
                    .filter(l -> !l.endsWith("...")).forEach(out::add);
        }
        return out;
    }

    /** Splits a command line at spaces, keeping single- or double-quoted words together. */
    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ' ') {
                if (word.length() > 0) {
                    out.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(c);
            }
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }
}
