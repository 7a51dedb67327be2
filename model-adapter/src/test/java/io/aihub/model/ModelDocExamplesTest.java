package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.model.mapping.FeatureMapping;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code yaml} example in docs/models.md is a valid model.yaml, one per remote backend, and the
 * {@code yaml features} example of the transform reference maps a record as the page says.
 */
class ModelDocExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "models.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern FEATURES_BLOCK = Pattern.compile("```yaml features\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void everyExampleIsAValidDescriptorAndEveryRemoteBackendHasOne() throws Exception {
        Matcher m = YAML_BLOCK.matcher(Files.readString(PAGE));
        List<String> backends = new ArrayList<>();
        int i = 0;
        while (m.find()) {
            Path file = dir.resolve("model-" + i++ + ".yaml");
            Files.writeString(file, m.group(1));
            ModelDescriptor descriptor = ModelDescriptor.read(file);
            backends.add(descriptor.backend());
            assertThat(descriptor.endpoint()).isNotNull();
        }

        assertThat(backends).containsExactly("kserve-v2", "mlflow", "tfserving", "openai-chat");
    }

    @Test
    void transformReferenceExampleMapsARecord() throws Exception {
        Matcher m = FEATURES_BLOCK.matcher(Files.readString(PAGE));
        assertThat(m.find()).as("a yaml features block in " + PAGE).isTrue();
        Path file = dir.resolve("features.yaml");
        Files.writeString(file, "name: doc\nversion: 1.0.0\nbackend: mlflow\nendpoint: {url: http://127.0.0.1:1}\n"
                + "labels: [\"no\", \"yes\"]\npositiveLabel: \"yes\"\nfeatures:\n" + m.group(1).indent(2));
        FeatureMapping mapping = new FeatureMapping(ModelDescriptor.read(file).features());

        Map<String, Object> ticket = new HashMap<>();
        ticket.put("Plan__c", "Enterprise");
        ticket.put("CreatedDate", "2025-12-01T00:00:00Z");
        ticket.put("ClosedDate", "2025-12-02T12:00:00Z");
        ticket.put("Subject", "Printer");
        ticket.put("Description", "On fire");
        Map<String, Object> values = mapping.map(ticket).values();

        assertThat(values).containsEntry("days_since_login", (Math.log1p(30) - 3.1) / 1.2)
                .containsEntry("spend_band", 0L).containsEntry("plan_enterprise", 1.0)
                .containsEntry("nps_missing", 1.0).containsEntry("days_open", 1.5)
                .containsEntry("account_age_days", 31.0).containsEntry("ticket_text", "Printer\nOn fire");
        assertThat(mapping.sourceFields()).contains("ClosedDate", "Description");
    }
}
