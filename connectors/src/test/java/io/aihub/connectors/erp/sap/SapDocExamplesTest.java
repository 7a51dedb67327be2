package io.aihub.connectors.erp.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.config.ConfigKey;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every properties example in docs/connectors/sap.md configures both the source and the sink. */
class SapDocExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "connectors", "sap.md");
    private static final Pattern PROPERTIES_BLOCK = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);

    /** The connector keys of each example, by instance name, with {{env:...}} placeholders filled in. */
    private static List<Map<String, String>> examples() throws IOException {
        List<Map<String, String>> examples = new ArrayList<>();
        Matcher m = PROPERTIES_BLOCK.matcher(Files.readString(PAGE));
        while (m.find()) {
            Properties props = new Properties();
            props.load(new StringReader(m.group(1)));
            String instance = props.getProperty("aihub.connectors");
            String prefix = "aihub.connector." + instance + ".";
            assertThat(props.getProperty(prefix + "type")).isEqualTo(SapSourceConnector.TYPE);
            Map<String, String> keys = new HashMap<>();
            for (String name : props.stringPropertyNames()) {
                if (name.startsWith(prefix) && !name.equals(prefix + "type")) {
                    keys.put(name.substring(prefix.length()),
                            props.getProperty(name).replaceAll("\\{\\{env:[^}]*}}", "from-environment"));
                }
            }
            examples.add(keys);
        }
        return examples;
    }

    private static Map<String, String> only(Map<String, String> keys, List<ConfigKey> known) {
        Set<String> names = known.stream().map(ConfigKey::name).collect(Collectors.toSet());
        return keys.entrySet().stream().filter(e -> names.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void everyExampleShouldBeAValidSourceAndSinkConfiguration() throws IOException {
        List<Map<String, String>> examples = examples();
        SapSourceConnector source = new SapSourceConnector();
        SapSinkConnector sink = new SapSinkConnector();

        assertThat(examples).hasSize(3);
        assertThat(examples).anySatisfy(e -> assertThat(e).containsEntry("auth", "bearer")
                .containsEntry("paging", "server"));
        assertThat(examples).anySatisfy(e -> assertThat(e).containsEntry("lookupService", "API_BUSINESS_PARTNER"));
        for (Map<String, String> keys : examples) {
            Set<String> known = new HashSet<>();
            source.config().keys().forEach(k -> known.add(k.name()));
            sink.config().keys().forEach(k -> known.add(k.name()));
            assertThat(known).containsAll(keys.keySet());
            try (SapSourceTask task = source.createTask("erp", only(keys, source.config().keys()));
                    SapSinkTask sinkTask = sink.createTask("erp", only(keys, sink.config().keys()))) {
                assertThat(task).isNotNull();
                assertThat(sinkTask).isNotNull();
            }
        }
    }

    @Test
    void thePageShouldDocumentEveryConfigKey() throws IOException {
        String page = Files.readString(PAGE);
        Set<String> keys = new HashSet<>();
        new SapSourceConnector().config().keys().forEach(k -> keys.add(k.name()));
        new SapSinkConnector().config().keys().forEach(k -> keys.add(k.name()));
        assertThat(keys).allSatisfy(key -> assertThat(page).contains("| `" + key + "` |"));
    }
}
