package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.config.ConfigKey;
import io.aihub.api.sink.SinkConnector;
import io.aihub.api.source.SourceConnector;
import io.aihub.connectors.crm.salesforce.SalesforceSinkConnector;
import io.aihub.connectors.crm.salesforce.SalesforceSourceConnector;
import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The configuration examples in docs/connectors/*.md are valid configurations. */
class DocExamplesTest {

    /** The connector keys of a properties example, with {{env:...}} placeholders filled in. */
    static Map<String, String> connectorKeys(String page, String instance) throws IOException {
        Properties props = new Properties();
        props.load(new StringReader(DocExamples.blocks(page, "properties").get(0)));
        String prefix = "aihub.connector." + instance + ".";
        Map<String, String> keys = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith(prefix) && !name.equals(prefix + "type")) {
                keys.put(name.substring(prefix.length()),
                        props.getProperty(name).replaceAll("\\{\\{env:[^}]*}}", "from-environment"));
            }
        }
        return keys;
    }

    private static Map<String, String> only(Map<String, String> keys, Set<String> known) {
        return keys.entrySet().stream().filter(e -> known.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Set<String> names(java.util.List<ConfigKey> keys) {
        return keys.stream().map(ConfigKey::name).collect(Collectors.toSet());
    }

    @Test
    void salesforceExampleShouldConfigureBothSourceAndSink() throws IOException {
        Map<String, String> keys = connectorKeys("connectors/salesforce.md", "crm");
        SourceConnector source = new SalesforceSourceConnector();
        SinkConnector sink = new SalesforceSinkConnector();
        Set<String> sourceKeys = names(source.config().keys());
        Set<String> sinkKeys = names(sink.config().keys());

        assertThat(keys.keySet()).allMatch(k -> sourceKeys.contains(k) || sinkKeys.contains(k));
        assertThat(source.createTask("crm", only(keys, sourceKeys))).isNotNull();
        assertThat(sink.createTask("crm", only(keys, sinkKeys))).isNotNull();
    }
}
