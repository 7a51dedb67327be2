package io.aihub.routes.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./aihub test}: records a route's outcome over fixture pages that hold a record the model cannot take (a
 * dead letter), passes against the recording, and fails with a readable diff and exit code 1 once the mapping
 * changes the write-back.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class TestCommandIT {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Map<String, String> ENV = Map.of("AIHUB_MODELS_DIR",
            Path.of("..", "models").toAbsolutePath().normalize().toString());

    @TempDir
    Path dir;

    @Test
    void shouldPassAgainstItsRecordingAndPrintADiffWhenTheMappingChangesTheOutcome() throws Exception {
        Files.copy(EXAMPLES.resolve("jdbc").resolve("aihub.properties"), dir.resolve("aihub.properties"));
        assertThat(aihub("new-route", "erp-churn", "--source", "erp", "--model", "churn").exit).isZero();
        Path pages = dir.resolve("routes/fixtures/erp-churn/source-pages.json");
        Files.writeString(pages, Files.readString(pages).replaceFirst("\\[ \\[ \\{",
                "[ [ {\"id\": \"bad-1\", \"fields\": {\"NPS__c\": \"very happy\"}}, {"));

        Run recorded = aihub("test", "erp-churn", "--update");
        assertThat(recorded.exit).as(recorded.output).isZero();
        assertThat(recorded.output).contains("3 prediction(s), 3 write-back(s), 1 dead letter(s)");
        assertThat(Files.readString(dir.resolve("routes/fixtures/erp-churn/expected.json")))
                .contains("\"recordId\" : \"bad-1\"", "MAPPING_BAD_TYPE");

        Run passed = aihub("test", "erp-churn");
        assertThat(passed.exit).as(passed.output).isZero();
        assertThat(passed.output).contains("PASS erp-churn");

        Path mapping = dir.resolve("routes/erp-churn.mapping.yaml");
        Files.writeString(mapping, Files.readString(mapping).replace("band:High@0.6|Medium@0.3|Low",
                "band:Watch@0.0|Low"));
        Run failed = aihub("test", "erp-churn");
        assertThat(failed.exit).as(failed.output).isEqualTo(1);
        assertThat(failed.output).contains("FAIL erp-churn: 3 difference(s)")
                .containsPattern("~ write-back erp-churn-\\d\\.churn_risk: expected (Low|Medium|High), got Watch");
    }

    private record Run(int exit, String output) {
    }

    private Run aihub(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = AihubCli.execute(dir, ENV, new PrintStream(bytes, true, StandardCharsets.UTF_8), args);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }
}
