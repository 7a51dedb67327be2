package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every JSON mapper and factory in production code comes from {@code io.aihub.api.json.HubJson}, so every JSON
 * document the hub reads has explicit read limits (nesting depth, string length, document size). Fails when
 * a {@code new ObjectMapper(..)}, {@code new JsonFactory(..)}, {@code JsonFactory.builder()} or
 * {@code JsonMapper.builder()} appears anywhere else under {@code src/main/java}. Test code may build its own.
 */
class JsonFactoryScanTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("hub-api", "connectors", "model-adapter", "simulators",
            "routes", "benchmarks");
    private static final Path FACTORY = Path.of("hub-api/src/main/java/io/aihub/api/json/HubJson.java");
    private static final Pattern CREATION = Pattern.compile(
            "new\\s+(ObjectMapper|JsonMapper|JsonFactory|MappingJsonFactory)\\s*\\("
                    + "|\\b(JsonFactory|JsonMapper)\\s*\\.\\s*builder\\s*\\(");

    @Test
    void onlyHubJsonShouldCreateJsonMappersOrFactories() {
        List<String> found = new ArrayList<>();
        for (String module : MODULES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    if (ROOT.relativize(file).equals(FACTORY)) {
                        continue;
                    }
                    Matcher m = CREATION.matcher(Files.readString(file, StandardCharsets.UTF_8));
                    while (m.find()) {
                        found.add(ROOT.relativize(file) + ": " + m.group());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        assertThat(found).as("JSON mappers created outside HubJson (use HubJson.mapperBuilder)").isEmpty();
    }

    @Test
    void theScanShouldRecogniseEveryFormOfCreation() {
        for (String code : List.of("new ObjectMapper()", "new ObjectMapper(factory)", "new JsonFactory()",
                "JsonFactory.builder()", "JsonMapper.builder()", "new MappingJsonFactory()")) {
            assertThat(CREATION.matcher(code).find()).as(code).isTrue();
        }
        assertThat(CREATION.matcher("HubJson.mapperBuilder(1024)").find()).isFalse();
    }
}
