package io.aihub.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.api.error.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {

    private final ConfigDef def = new ConfigDef()
            .define("url", ConfigType.STRING, null, "Where to connect.", ConfigKey.httpUrl())
            .define("secret", ConfigType.PASSWORD, null, "The secret.")
            .define("batchSize", ConfigType.INT, "200", "Records per page.", ConfigKey.between(200, 2000))
            .define("timeout", ConfigType.DURATION, "30s", "Request timeout.")
            .define("fields", ConfigType.LIST, "", "Fields to read.");

    @Test
    void shouldApplyDefaultsAndParseTypes() {
        var config = def.parse("test", Map.of("url", "https://x.example", "secret", "s3cr3t", "fields", "A, B,,C"));

        assertThat(config.getInt("batchSize")).isEqualTo(200);
        assertThat(config.getDuration("timeout")).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.getList("fields")).containsExactly("A", "B", "C");
        assertThat(config.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void shouldReportEveryProblemAtOnceWithoutEchoingSecrets() {
        assertThatThrownBy(() -> def.parse("connector 'crm'", Map.of("url", "ftp://x", "batchSize", "5",
                "timeout", "soon", "colour", "blue")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(5);
                    assertThat(e.getMessage()).contains("connector 'crm'", "url", "secret", "batchSize", "timeout",
                            "colour");
                });
    }

    @Test
    void shouldParseDurationsWithUnitsAndIso() {
        assertThat(ConfigDef.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigDef.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfigDef.parseDuration("PT2H")).isEqualTo(Duration.ofHours(2));
    }
}
