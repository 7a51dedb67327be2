package io.aihub.connectors.erp.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.sink.SinkConnector;
import io.aihub.api.source.SourceConnector;
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
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The properties example in docs/connectors/jdbc.md configures both the source and the sink of type jdbc. */
class JdbcDocExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "connectors", "jdbc.md");
    private static final Pattern PROPERTIES_BLOCK = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);
    private static final String PREFIX = "aihub.connector.erp.";

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
            if (name.startsWith(PREFIX) && !name.equals(PREFIX + "type")) {
                keys.put(name.substring(PREFIX.length()),
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
    void theExampleShouldBeAValidSourceAndSinkConfigurationOfAConnectorTheHubFinds() throws IOException {
        List<Properties> examples = examples();
        JdbcSourceConnector source = new JdbcSourceConnector();
        JdbcSinkConnector sink = new JdbcSinkConnector();

        assertThat(examples).hasSize(1);
        Properties example = examples.get(0);
        assertThat(example.getProperty(PREFIX + "type")).isEqualTo(JdbcSourceConnector.TYPE);
        assertThat(ServiceLoader.load(SourceConnector.class).stream().map(p -> p.get().type()))
                .contains(JdbcSourceConnector.TYPE);
        assertThat(ServiceLoader.load(SinkConnector.class).stream().map(p -> p.get().type()))
                .contains(JdbcSinkConnector.TYPE);

        Map<String, String> keys = connectorKeys(example);
        Set<String> known = new HashSet<>();
        source.config().keys().forEach(k -> known.add(k.name()));
        sink.config().keys().forEach(k -> known.add(k.name()));
        assertThat(known).containsAll(keys.keySet());
        try (JdbcSourceTask sourceTask = source.createTask("erp", only(keys, source.config().keys()));
                JdbcSinkTask sinkTask = sink.createTask("erp", only(keys, sink.config().keys()))) {
            assertThat(sourceTask).isNotNull();
            assertThat(sinkTask).isNotNull();
        }
    }

    @Test
    void everyKeyShouldBeDocumentedOnThePage() throws IOException {
        String page = Files.readString(PAGE);
        Set<String> keys = new HashSet<>();
        new JdbcSourceConnector().config().keys().forEach(k -> keys.add(k.name()));
        new JdbcSinkConnector().config().keys().forEach(k -> keys.add(k.name()));

        assertThat(keys).allSatisfy(key -> assertThat(page).contains("`" + key + "`"));
    }
}
