package io.aihub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StartupBenchTest {

    @Test
    void shouldRecogniseTheBannerOfAStartedHub() {
        assertThat(StartupBench.READY.matcher("aihub 0.1.0-SNAPSHOT started; routes: [crm-account-churn, x]")
                .matches()).isTrue();
        assertThat(StartupBench.READY.matcher("  health:  http://127.0.0.1:8080/observe/health").matches())
                .isFalse();
        assertThat(StartupBench.READY.matcher("12:00:01 INFO aihub 0.1.0 started; routes: []").matches()).isFalse();
    }

    @Test
    void shouldTakeTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertThat(StartupBench.median(new long[] {4200, 3900, 9000})).isEqualTo(4200);
        assertThat(StartupBench.median(new long[] {5, 1, 3, 7})).isEqualTo(4.0);
        assertThat(StartupBench.median(new long[] {12})).isEqualTo(12);
    }
}
