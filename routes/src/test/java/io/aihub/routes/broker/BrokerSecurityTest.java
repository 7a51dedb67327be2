package io.aihub.routes.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aihub.routes.config.BrokerSecurityProperties;
import io.aihub.routes.config.HubSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.utils.PasswordMaskingUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSecurityTest {

    @TempDir
    Path dir;

    @Test
    void shouldGenerateTheHubPasswordOnceIntoAnOwnerOnlyFile() throws Exception {
        assertThat(StoredHubPassword.read(dir)).isEmpty();
        String first = StoredHubPassword.readOrCreate(dir);
        assertThat(first).hasSizeGreaterThanOrEqualTo(40);
        assertThat(StoredHubPassword.readOrCreate(dir)).isEqualTo(first);
        assertThat(StoredHubPassword.read(dir)).contains(first);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(StoredHubPassword.FILE))))
                    .isEqualTo("rw-------");
        }
        assertThat(StoredHubPassword.readOrCreate(dir.resolve("other"))).isNotEqualTo(first);
    }

    @Test
    void clientPasswordShouldBeTheConfiguredOneElseTheStoredOne() {
        String stored = StoredHubPassword.readOrCreate(dir);
        assertThat(BrokerSecurity.defaults().clientPassword(dir)).isEqualTo(stored);
        assertThat(new BrokerSecurity("aihub", "configured", List.of(), null, null).clientPassword(dir))
                .isEqualTo("configured");
        assertThat(BrokerSecurity.defaults().clientPassword(dir.resolve("none"))).isNull();
    }

    @Test
    void shouldReadUsersAndUnmaskEncPasswords() throws Exception {
        String masked = PasswordMaskingUtil.wrap(PasswordMaskingUtil.getDefaultCodec().encode("s3cret"));
        BrokerSecurity security = HubSettings.from(MapPropertySource.of(Map.of(
                "aihub.broker.password", masked,
                "aihub.broker.users", "sales-ops",
                "aihub.broker.user.sales-ops.password", "so-pw",
                "aihub.broker.user.sales-ops.queues", "crm-account-churn.sales-ops, erp-order.sales-ops")))
                .broker().security();
        assertThat(security.hubUser()).isEqualTo("aihub");
        assertThat(security.hubPassword()).isEqualTo("s3cret");
        assertThat(security.users()).containsExactly(new BrokerUser("sales-ops", "so-pw",
                List.of("crm-account-churn.sales-ops", "erp-order.sales-ops")));
        assertThat(security.toString()).doesNotContain("s3cret").doesNotContain("so-pw");
        assertThat(BrokerSecurityProperties.unmask(null)).isNull();
    }

    @Test
    void shouldReadTheHubEventsABusinessUserMaySubscribeTo() {
        BrokerSecurity security = HubSettings.from(MapPropertySource.of(Map.of(
                "aihub.broker.users", "data-science",
                "aihub.broker.user.data-science.password", "ds-pw",
                "aihub.broker.user.data-science.events", "drift")))
                .broker().security();
        assertThat(security.users()).containsExactly(new BrokerUser("data-science", "ds-pw", List.of(),
                List.of("drift")));
        assertThatThrownBy(() -> new BrokerUser("data-science", "pw", List.of(), List.of("drift.#")))
                .hasMessageContaining("event must match");
        assertThat(new BrokerAuthorization(security).settings().get(Addresses.events("drift")))
                .extracting(org.apache.activemq.artemis.core.security.Role::getName)
                .containsExactlyInAnyOrder(BrokerAuthorization.HUB_ROLE, BrokerAuthorization.consumerRole("data-science"));
    }

    @Test
    void shouldRefuseUsersWithoutPasswordOrQueuesOrWithTheHubsName() {
        assertThatThrownBy(() -> new BrokerUser("sales-ops", null, List.of("r.s")))
                .hasMessageContaining("aihub.broker.user.sales-ops.password");
        assertThatThrownBy(() -> new BrokerUser("sales-ops", "pw", List.of()))
                .hasMessageContaining("aihub.broker.user.sales-ops.queues")
                .hasMessageContaining("aihub.broker.user.sales-ops.events");
        assertThatThrownBy(() -> new BrokerUser("sales-ops", "pw", List.of("aihub.dlq.r")))
                .hasMessageContaining("not a subscriber queue name");
        assertThatThrownBy(() -> new BrokerSecurity("aihub", null, List.of(new BrokerUser("aihub", "pw",
                List.of("r.s"))), null, null)).hasMessageContaining("hub's own user");
        assertThatThrownBy(() -> HubSettings.from(MapPropertySource.of(Map.of("aihub.broker.tls.enabled", "true"))))
                .hasMessageContaining("aihub.broker.tls.keyStorePath");
    }

    @Test
    void clientUrlShouldAddTheTrustStoreOnlyWhenOneIsConfigured() {
        BrokerTls trust = new BrokerTls(Path.of("/etc/trust.p12"), "tpw", null);
        BrokerTls keys = new BrokerTls(Path.of("/etc/keys.p12"), "kpw", "PKCS12");
        assertThat(BrokerSecurity.defaults().clientUrl("tcp://b:1")).isEqualTo("tcp://b:1");
        assertThat(new BrokerSecurity("aihub", null, List.of(), null, trust).clientUrl("tcp://b:1?ha=true"))
                .isEqualTo("tcp://b:1?ha=true&sslEnabled=true&trustStorePath=/etc/trust.p12"
                        + "&trustStorePassword=tpw&trustStoreType=PKCS12");
        assertThat(BrokerSecurity.defaults().localUrl("127.0.0.1", 61616)).isEqualTo("tcp://127.0.0.1:61616");
        assertThat(new BrokerSecurity("aihub", null, List.of(), keys, null).localUrl("127.0.0.1", 61617))
                .startsWith("tcp://127.0.0.1:61617?sslEnabled=true&trustStorePath=/etc/keys.p12");
        assertThat(BrokerLink.describe(new BrokerSecurity("aihub", null, List.of(), null, trust)
                .clientUrl("tcp://b:1"))).isEqualTo("tcp://b:1");
    }
}
