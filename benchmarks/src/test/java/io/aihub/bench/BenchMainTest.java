package io.aihub.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchMainTest {

    @Test
    void shouldRunOnH2ByDefault() {
        BenchMain main = new BenchMain();
        new CommandLine(main).parseArgs("--records", "10");

        assertThat(main.db).isEqualTo(BenchDb.H2);
        assertThat(main.heap).isNull();
        assertThat(main.startup).isFalse();
    }

    @Test
    void shouldReadPostgresInAnyCase() {
        BenchMain main = new BenchMain();
        new CommandLine(main).parseArgs("--db", "PostgreS");

        assertThat(main.db).isEqualTo(BenchDb.POSTGRES);
    }

    @Test
    void shouldRefuseAnUnknownDatabase() {
        assertThatThrownBy(() -> new CommandLine(new BenchMain()).parseArgs("--db", "mysql"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown database 'mysql' (h2 or postgres)");
    }
}
