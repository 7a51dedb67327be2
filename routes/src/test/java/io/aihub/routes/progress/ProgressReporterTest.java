package io.aihub.routes.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void shouldShowTheBrokerOutageOnTheProgressLineOnlyWhileItLasts() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicReference<String> state = new AtomicReference<>("broker DOWN for 3 s, waiting");
        try (ProgressReporter reporter = new ProgressReporter(new HubCounters(),
                new PrintStream(out, true, StandardCharsets.UTF_8), 60_000, state::get)) {
            reporter.report();
            state.set("");
            reporter.report();
        }
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines[0]).startsWith("progress: pulled=0 ").endsWith("; broker DOWN for 3 s, waiting");
        assertThat(lines[1]).startsWith("progress: pulled=0 ").doesNotContain("broker");
    }
}
