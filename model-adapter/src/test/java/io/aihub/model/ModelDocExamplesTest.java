package io.aihub.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code yaml} example in docs/models.md is a valid model.yaml, one per remote backend. */
class ModelDocExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "models.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

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
}
