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
 * The architecture rules of docs/architecture.md: only routes (and the test modules) may use Camel or
 * Artemis; the SPIs in hub-api depend on nothing but the JDK, Jackson annotations and slf4j; the benchmarks
 * module measures the hub from outside and nothing depends on it.
 */
class ModuleBoundariesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    private static List<String> violations(String module, List<String> forbidden, List<String> onlyAllowed) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = IMPORT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    String imported = m.group(1);
                    boolean bad = forbidden.stream().anyMatch(imported::startsWith)
                            || (!onlyAllowed.isEmpty() && onlyAllowed.stream().noneMatch(imported::startsWith));
                    if (bad) {
                        found.add(ROOT.relativize(file) + " imports " + imported);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Test
    void onlyRoutesMayUseCamelOrArtemis() {
        List<String> forbidden = List.of("org.apache.camel", "org.apache.activemq", "jakarta.jms");
        for (String module : List.of("hub-api", "connectors", "model-adapter", "simulators")) {
            assertThat(violations(module, forbidden, List.of())).as(module).isEmpty();
        }
    }

    @Test
    void benchmarksShouldBootTheHubNotBuildCamelRoutesOfTheirOwn() {
        // The benchmark may talk JMS to the broker like any business system, but measures the hub's own routes
        // through HubApplication: Camel itself stays inside routes.
        assertThat(violations("benchmarks", List.of("org.apache.camel"), List.of())).isEmpty();
    }

    @Test
    void noProductionModuleShouldDependOnTheBenchmarks() {
        for (String module : List.of("hub-api", "connectors", "model-adapter", "simulators", "routes")) {
            assertThat(violations(module, List.of("io.aihub.bench"), List.of())).as(module).isEmpty();
        }
    }

    @Test
    void hubApiShouldDependOnlyOnTheJdkJacksonAnnotationsAndSlf4j() {
        // Jackson core and databind: only the shared JSON factory (io.aihub.api.json) may use them.
        assertThat(violations("hub-api", List.of(), List.of("java.", "io.aihub.api", "com.fasterxml.jackson.annotation",
                "org.slf4j", "com.fasterxml.jackson.core", "com.fasterxml.jackson.databind"))).isEmpty();
        assertThat(violations("hub-api", List.of("com.fasterxml.jackson.core", "com.fasterxml.jackson.databind"),
                List.of()).stream().filter(v -> !v.contains("/io/aihub/api/json/")).toList()).isEmpty();
    }

    @Test
    void connectorsAndModelsShouldNotDependOnEachOtherOrOnTheHub() {
        assertThat(violations("connectors", List.of("io.aihub.model", "io.aihub.routes", "io.aihub.simulators"),
                List.of())).isEmpty();
        assertThat(violations("model-adapter", List.of("io.aihub.connectors", "io.aihub.routes",
                "io.aihub.simulators"), List.of())).isEmpty();
    }
}
