package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Model folders for tests, derived from the shipped ones. */
final class TestModels {

    private TestModels() {
    }

    /**
     * The shipped churn model, but with no default for NPS__c, which about 6 % of accounts leave empty: those
     * accounts fail mapping with MAPPING_MISSING_FIELD.
     *
     * @return the models folder to point {@code aihub.models.dir} at
     */
    static Path churnWithoutNpsDefault(Path modelsDir) throws IOException {
        Path source = HubHarness.MODELS.resolve("churn").resolve("1.0.0");
        Path target = modelsDir.resolve("churn").resolve("1.0.0");
        Files.createDirectories(target);
        Files.copy(source.resolve("model.onnx"), target.resolve("model.onnx"));
        List<String> lines = Files.readAllLines(source.resolve("model.yaml"), StandardCharsets.UTF_8);
        List<String> edited = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            boolean npsDefault = lines.get(i).trim().startsWith("default:") && i >= 3
                    && lines.get(i - 2).trim().equals("field: NPS__c") && lines.get(i - 3).trim().equals("- name: nps");
            if (!npsDefault) {
                edited.add(lines.get(i));
            }
        }
        assertThat(edited).hasSize(lines.size() - 1);
        Files.write(target.resolve("model.yaml"), edited, StandardCharsets.UTF_8);
        return modelsDir;
    }
}
