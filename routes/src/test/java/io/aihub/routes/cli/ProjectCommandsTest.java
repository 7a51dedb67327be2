package io.aihub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The route-project commands: --help everywhere, routes, models, and new-route scaffolding a valid route. */
class ProjectCommandsTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Map<String, String> ENV = Map.of("AIHUB_MODELS_DIR",
            Path.of("..", "models").toAbsolutePath().normalize().toString());

    @TempDir
    Path dir;

    @Test
    void shouldPrintHelpForEveryCommand() {
        for (String command : List.of("run", "broker", "dlq", "connectors", "train", "sim-edit", "new-route",
                "validate", "test", "routes", "models")) {
            Run run = aihub(dir, command, "--help");
            assertThat(run.exit).as(command).isZero();
            assertThat(run.output).as(command).contains("Usage: aihub " + command);
        }
    }

    @Test
    void shouldListTheConfiguredRoutesWithTheirSourceModelAndSubscribers() {
        Run run = aihub(EXAMPLES.resolve("dataverse"), "routes");

        assertThat(run.exit).isZero();
        assertThat(run.output).containsPattern(
                "dataverse-account-churn\\s+score-records\\s+dvcrm\\s+churn\\s+bi,write-back\\s+ok\\s+routes/");
        assertThat(run.output).containsPattern("dataverse-account-churn-write-back\\s+write-back\\s+"
                + "dataverse-account-churn\\s+write-back\\s+dvcrm\\s+ok");
    }

    @Test
    void shouldListModelsWithVersionsChampionAndMetrics() {
        Run run = aihub(dir, "models");

        assertThat(run.exit).isZero();
        assertThat(run.output).containsPattern("churn\\s+1\\.0\\.0\\s+onnx\\s+1\\.0\\.0 \\(highest\\)\\s+yes\\s+auc=0\\.883");
        assertThat(aihub(dir, "models", "-D", "aihub.model.churn.version=1.0.0").output).contains("1.0.0 (pinned)");
    }

    @Test
    void shouldScaffoldARouteThatValidates() throws Exception {
        Files.copy(EXAMPLES.resolve("jdbc").resolve("aihub.properties"), dir.resolve("aihub.properties"));

        Run created = aihub(dir, "new-route", "erp-churn", "--template", "score-records", "--source", "erp",
                "--model", "churn");

        assertThat(created.exit).as(created.output).isZero();
        assertThat(dir.resolve("routes/erp-churn.camel.yaml")).exists();
        assertThat(dir.resolve("routes/fixtures/erp-churn/source-pages.json")).exists();
        assertThat(Files.readString(dir.resolve("routes/erp-churn.mapping.yaml")))
                .contains("NPS__c: NPS__c", "churn_score: score", "churn_risk: band:High@0.6|Medium@0.3|Low");
        Run validated = aihub(dir, "validate");
        assertThat(validated.exit).as(validated.output).isZero();
        assertThat(validated.output).contains("ok: 1 route file(s), 1 mapping file(s)");
        assertThat(aihub(dir, "new-route", "erp-churn", "--source", "erp", "--model", "churn").exit)
                .as("refuses to overwrite").isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownConnectorOrModel() throws Exception {
        Files.copy(EXAMPLES.resolve("jdbc").resolve("aihub.properties"), dir.resolve("aihub.properties"));

        Run run = aihub(dir, "new-route", "x", "--source", "crmm", "--model", "fraud");

        assertThat(run.exit).isEqualTo(1);
        assertThat(run.output).contains("unknown connector instance 'crmm'", "unknown model 'fraud'");
        assertThat(dir.resolve("routes")).doesNotExist();
    }

    private record Run(int exit, String output) {
    }

    private static Run aihub(Path workDir, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = AihubCli.execute(workDir, ENV, new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }
}
