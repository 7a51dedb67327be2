package io.aihub.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.aihub.routes.HubApplication;
import io.aihub.simulators.crm.salesforce.SalesforceSimulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The same scoring flow with the BI table on a real PostgreSQL server. */
@Timeout(value = 4, unit = java.util.concurrent.TimeUnit.MINUTES)
class PostgresBiIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldStoreOneRowPerAccountInPostgresAndStayIdempotentAcrossRestarts() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                SalesforceSimulator crm = SalesforceSimulator.builder().accounts(1000).seed(11L).build()) {
            crm.start();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            HubHarness harness = new HubHarness(dataDir, crm.baseUrl())
                    .with("aihub.db.url", url).with("aihub.db.user", "postgres").with("aihub.db.password", "postgres");

            HubApplication first = harness.application();
            first.start();
            try {
                assertThat(first.awaitIdle(Duration.ofMinutes(2))).isTrue();
                assertThat(first.totals().biRows()).isEqualTo(1000);
            } finally {
                first.stop();
            }
            HubApplication second = harness.application();
            second.start();
            try {
                assertThat(second.awaitIdle(Duration.ofMinutes(2))).isTrue();
                assertThat(second.totals().published()).isZero();
            } finally {
                second.stop();
            }

            List<String> recordIds = new ArrayList<>();
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT record_id FROM predictions")) {
                while (rs.next()) {
                    recordIds.add(rs.getString(1));
                }
            }
            assertThat(recordIds).hasSize(1000).doesNotHaveDuplicates();
            assertThat(Set.copyOf(recordIds)).isEqualTo(crm.accountIds());
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MIN(score), MAX(score), COUNT(DISTINCT model_version) "
                            + "FROM predictions")) {
                rs.next();
                assertThat(rs.getDouble(1)).isBetween(0.0, 1.0);
                assertThat(rs.getDouble(2)).isBetween(0.0, 1.0).isGreaterThan(rs.getDouble(1));
                assertThat(rs.getInt(3)).isEqualTo(1);
            }
        }
    }
}
