package io.aihub.connectors.crm.salesforce;

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

/** Every properties example in docs/connectors/salesforce.md configures both the source and the sink. */
class SalesforceDocExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "connectors", "salesforce.md");
    private static final Pattern PROPERTIES_BLOCK = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);

    private static List<Map<String, String>> examples() throws IOException {
        List<Map<String, String>> examples = new ArrayList<>();
        Matcher m = PROPERTIES_BLOCK.matcher(Files.readString(PAGE));
        while (m.find()) {
            Properties props = new Properties();
            props.load(new StringReader(m.group(1)));
            Map<String, String> keys = new HashMap<>();
            for (String name : props.stringPropertyNames()) {
                if (name.startsWith("aihub.connector.crm.") && !name.equals("aihub.connector.crm.type")) {
                    keys.put(name.substring("aihub.connector.crm.".length()),
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
        SalesforceSourceConnector source = new SalesforceSourceConnector();
        SalesforceSinkConnector sink = new SalesforceSinkConnector();

        assertThat(examples).hasSize(2);
        assertThat(examples.get(1)).containsEntry("authFlow", "jwt-bearer");
        for (Map<String, String> keys : examples) {
            Set<String> known = new HashSet<>();
            source.config().keys().forEach(k -> known.add(k.name()));
            sink.config().keys().forEach(k -> known.add(k.name()));
            assertThat(known).containsAll(keys.keySet());
            try (SalesforceSourceTask task = source.createTask("crm", only(keys, source.config().keys()));
                    SalesforceSinkTask sinkTask = sink.createTask("crm", only(keys, sink.config().keys()))) {
                assertThat(task.apiUsage()).isEmpty();
                assertThat(sinkTask.apiUsage()).isEmpty();
            }
        }
    }
}
