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

    /**
     * What a model server serving {@code model} computes for one row of mapped inputs: its class
     * probabilities in label order (the KServe simulator's scorer, so a remote run can match an embedded one).
     */
    static float[] probabilities(io.aihub.model.LoadedModel model, double[] row) {
        List<io.aihub.api.model.FeatureSpec> features = model.backend().metadata().features();
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < features.size(); i++) {
            values.put(features.get(i).name(), (float) row[i]);
        }
        var prediction = model.backend().predict(List.of(new io.aihub.api.model.FeatureRow(values))).get(0)
                .prediction();
        List<String> labels = model.backend().metadata().labels();
        float[] out = new float[labels.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = prediction.scores().get(labels.get(i)).floatValue();
        }
        return out;
    }

    /**
     * A models folder under {@code dir} whose churn 1.0.0 is the shipped mapping served by KServe v2 at
     * {@code url} (1 s deadline), with an optional {@code resilience:} block.
     *
     * @return the models folder
     */
    static Path kserveChurn(Path dir, String url, String resilience) throws IOException {
        Path version = dir.resolve("churn").resolve("1.0.0");
        Files.createDirectories(version);
        String yaml = Files.readString(HubHarness.MODELS.resolve("churn/1.0.0/model.yaml"), StandardCharsets.UTF_8)
                .replace("backend: onnx", "backend: kserve-v2")
                .replace("file: model.onnx\n", "")
                + "endpoint:\n  url: " + url + "\n  modelName: churn\n  timeout: 1s\n" + resilience;
        Files.writeString(version.resolve("model.yaml"), yaml, StandardCharsets.UTF_8);
        return dir;
    }
}
