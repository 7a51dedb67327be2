package io.aihub.connectors.portal.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.api.config.ConfigKey;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every properties example in docs/connectors/webhooks.md is a valid webhook endpoint configuration. */
class WebhookDocExamplesTest {

    private static final Path PAGE = Path.of("..", "docs", "connectors", "webhooks.md");
    private static final Pattern PROPERTIES_BLOCK = Pattern.compile("```properties\\n(.*?)```", Pattern.DOTALL);
    private static final String PREFIX = "aihub.connector.portal.";
    /** What the environment would hold: a valid secret of every scheme's form. */
    private static final String FROM_ENVIRONMENT = "whsec_" + Base64.getEncoder().encodeToString(
            "from-the-environment-32-bytes-xx".getBytes(StandardCharsets.US_ASCII));

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

    @Test
    void everyExampleShouldBeAValidWebhookEndpoint() throws IOException {
        List<Properties> examples = examples();
        WebhookConnector connector = new WebhookConnector();
        List<String> known = connector.config().keys().stream().map(ConfigKey::name).toList();

        assertThat(examples).hasSize(5);
        List<String> schemes = new ArrayList<>();
        for (Properties props : examples) {
            assertThat(props.getProperty("aihub.connectors")).isEqualTo("portal");
            assertThat(props.getProperty(PREFIX + "type")).isEqualTo(connector.type());
            Map<String, String> keys = new HashMap<>();
            for (String name : props.stringPropertyNames()) {
                if (name.startsWith(PREFIX) && !name.equals(PREFIX + "type")) {
                    keys.put(name.substring(PREFIX.length()),
                            props.getProperty(name).replaceAll("\\{\\{env:[^}]*}}", FROM_ENVIRONMENT));
                }
            }
            assertThat(known).containsAll(keys.keySet());
            WebhookEndpoint endpoint = connector.createEndpoint("portal", keys);
            schemes.add(endpoint.verifier().scheme().configValue());
        }
        assertThat(schemes).containsExactly("standard-webhooks", "stripe", "github", "shopify", "standard-webhooks");
    }
}
