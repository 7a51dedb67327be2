package io.aihub.connectors.crm.dataverse;

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

/** Every properties example in docs/connectors/dataverse.md configures both the source and the sink. */
class DataverseDocExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "connectors", "dataverse.md");
    private static final Pattern PROPERTIES_BLOCK = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);

    private static List<Properties> examples() throws IOException {
        List<Properties> examples = new ArrayList<>();
        Matcher m = PROPERTIES_BLOCK.matcher(Files.readString(PAGE));
        while (m.find()) {
            Properties props = new Properties();
            props.load(new StringReader(m.group(1)));
            examples.add(props);
        }
        return examples;
    }

    private static Map<String, String> connectorKeys(Properties props) {
        Map<String, String> keys = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("aihub.connector.crm.") && !name.equals("aihub.connector.crm.type")) {
                keys.put(name.substring("aihub.connector.crm.".length()),
                        props.getProperty(name).replaceAll("\\{\\{env:[^}]*}}", "from-environment"));
            }
        }
        return keys;
    }

    private static Map<String, String> only(Map<String, String> keys, List<ConfigKey> known) {
        Set<String> names = known.stream().map(ConfigKey::name).collect(Collectors.toSet());
        return keys.entrySet().stream().filter(e -> names.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    @Test
    void everyExampleShouldBeAValidSourceAndSinkConfiguration() throws IOException {
        List<Properties> examples = examples();
        DataverseSourceConnector source = new DataverseSourceConnector();
        DataverseSinkConnector sink = new DataverseSinkConnector();

        assertThat(examples).hasSize(1);
        for (Properties example : examples) {
            assertThat(example.getProperty("aihub.connector.crm.type")).isEqualTo(DataverseSourceConnector.TYPE);
            Map<String, String> keys = connectorKeys(example);
            Set<String> known = new HashSet<>();
            source.config().keys().forEach(k -> known.add(k.name()));
            sink.config().keys().forEach(k -> known.add(k.name()));
            assertThat(known).containsAll(keys.keySet());
            try (DataverseSourceTask task = source.createTask("crm", only(keys, source.config().keys()));
                    DataverseSinkTask sinkTask = sink.createTask("crm", only(keys, sink.config().keys()))) {
                assertThat(task).isNotNull();
                assertThat(sinkTask).isNotNull();
            }
        }
    }

    @Test
    void thePageShouldDocumentEveryConfigKey() throws IOException {
        String page = Files.readString(PAGE);
        Set<String> keys = new HashSet<>();
        new DataverseSourceConnector().config().keys().forEach(k -> keys.add(k.name()));
        new DataverseSinkConnector().config().keys().forEach(k -> keys.add(k.name()));
        keys.forEach(key -> assertThat(page).as(key).contains("`" + key + "`"));
    }
}
