package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker runs with the journal settings the hub chose ({@link EmbeddedBroker#applyJournalSettings}),
 * not with Artemis' defaults: NIO's 3.33 ms buffer timeout would cap one-at-a-time commits at about 300 a second.
 */
class EmbeddedBrokerJournalIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldStartWithTheChosenJournalSettingsNotArtemisDefaults() throws Exception {
        try (EmbeddedBroker broker = new EmbeddedBroker(
                new BrokerSettings(dataDir, "127.0.0.1", 0, 0, 0, 0, 3, 10_000, 99), 903)) {
            broker.start();

            Configuration running = broker.server().getConfiguration();
            assertThat(running.getJournalBufferTimeout_NIO()).isEqualTo(1_000_000)
                    .isLessThan(new ConfigurationImpl()
                            .getJournalBufferTimeout_NIO());
            assertThat(running.getJournalBufferTimeout_AIO()).isEqualTo(500_000);
            assertThat(running.isJournalDatasync()).isTrue();
            assertThat(running.isJournalSyncTransactional()).isTrue();
            assertThat(running.isJournalSyncNonTransactional()).isTrue();
            assertThat(running.isPersistenceEnabled()).isTrue();
        }
    }
}
