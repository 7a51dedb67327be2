package io.aihub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeapCappedRunTest {

    private static final Path JAVA_HOME = Path.of("/opt/jdk");

    @Test
    void shouldCapTheChildHeapAndStopItAtTheFirstOutOfMemoryError() {
        List<String> command = HeapCappedRun.command("512m", JAVA_HOME, "a.jar:lib/*",
                List.of("-Xmx4g", "-Xms1g", "-XX:MaxRAMPercentage=50", "-Daihub.logDir=/tmp/logs"),
                List.of("--records", "1000000", "--heap", "512m", "--db", "postgres"));

        assertThat(command).containsExactly("/opt/jdk/bin/java", "-Daihub.logDir=/tmp/logs", "-Xmx512m",
                "-XX:+ExitOnOutOfMemoryError", "-cp", "a.jar:lib/*", BenchMain.class.getName(),
                "--records", "1000000", "--db", "postgres");
    }

    @Test
    void shouldDropTheHeapOptionWrittenWithAnEqualsSign() {
        List<String> command = HeapCappedRun.command("2g", JAVA_HOME, "cp", List.of(),
                List.of("--heap=2g", "--records", "5"));

        assertThat(command).endsWith(BenchMain.class.getName(), "--records", "5").contains("-Xmx2g")
                .doesNotContain("--heap=2g");
    }

    @Test
    void shouldRefuseASizeTheJvmWouldNotRead() {
        assertThatThrownBy(() -> HeapCappedRun.command("lots", JAVA_HOME, "cp", List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("512m");
    }
}
