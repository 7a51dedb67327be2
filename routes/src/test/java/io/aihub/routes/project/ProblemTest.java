package io.aihub.routes.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ProblemTest {

    /** Regression: problems were sorted by file and line only, so a second problem on the same line was dropped. */
    @Test
    void shouldKeepEveryProblemOnTheSameLine() {
        TreeSet<Problem> sorted = new TreeSet<>(List.of(new Problem("r.camel.yaml", 3, "b"),
                new Problem("r.camel.yaml", 3, "a"), new Problem("a.camel.yaml", 9, "c")));

        assertThat(sorted).extracting(Problem::toString)
                .containsExactly("a.camel.yaml:9: c", "r.camel.yaml:3: a", "r.camel.yaml:3: b");
    }

    @Test
    void shouldNameFilesRelativeToTheWorkingDirectoryAndJarEntriesAsClasspathLocations() {
        Path work = Path.of("").toAbsolutePath();
        try (ProjectConfig config = new ProjectConfig(work, Optional.empty(), Map.of(), Map.of())) {
            assertThat(config.display("file:" + work.resolve("routes/a.camel.yaml"))).isEqualTo("routes/a.camel.yaml");
            assertThat(config.display("jar:file:/opt/aihub/aihub-routes.jar!/routes/a.camel.yaml"))
                    .isEqualTo("classpath:routes/a.camel.yaml");
            assertThat(config.display("file:/elsewhere/a.camel.yaml")).isEqualTo("/elsewhere/a.camel.yaml");
        }
    }
}
